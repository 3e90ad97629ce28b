package org.selfsup4j.trainer.run;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;

/**
 * What a run folder's {@code run.json} says about the run, with one correction: a run recorded as running whose
 * process is gone (same host, no such pid) is {@code crashed}. Also the step reached, the last loss and the test
 * accuracy, for {@code selfsup runs}.
 *
 * @param state completed, running, crashed, interrupted or failed
 */
public record RunStatus(Path dir, String command, String state, String detail, long pid, String host, Long step,
                        Long steps, Double loss, Double accuracy) {
    /** The pid and host of this process, as run.json records them. */
    static Map<String, Object> thisProcess() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("pid", ProcessHandle.current().pid());
        p.put("host", hostName());
        p.put("process_started", ProcessHandle.current().info().startInstant().map(Object::toString).orElse("unknown"));
        return p;
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Reads {@code dir/run.json}; a missing or unreadable file is an error naming it. */
    public static RunStatus read(Path dir) {
        Path file = dir.resolve(RunFolder.RUN_FILE);
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new SelfSupException(ErrorCode.MISSING_PATH, "No run here: cannot read " + file + " (" + e.getMessage()
                    + ")", file.toString(), List.of(), e);
        }
        String command = string(json, "command");
        String status = string(json, "status");
        if (command == null || status == null) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, file + " is not a selfsup4j run.json (no command or status)",
                    file.toString(), List.of(), null);
        }
        long pid = number(json, "pid") == null ? -1 : number(json, "pid").longValue();
        String host = string(json, "host");
        String state = status.startsWith("failed") ? "failed" : status;
        if (state.equals("running") && !alive(pid, host, string(json, "process_started"))) {
            state = "crashed";
        }
        int progress = json.indexOf("\"progress\": {");
        Long step = progress < 0 ? null : longAfter(json, progress, "step");
        Long steps = progress < 0 ? null : longAfter(json, progress, "steps");
        Double loss = progress < 0 ? null : numberAfter(json, progress, "loss");
        int test = json.indexOf("\"test\": {");
        if (test < 0) {
            test = json.indexOf("\"evaluate\": {");
        }
        Double accuracy = test < 0 ? null : numberAfter(json, test, "accuracy");
        return new RunStatus(dir, command, state, status, pid, host, step, steps, loss, accuracy);
    }

    /**
     * Whether the process recorded as {@code pid}, started at {@code started}, on {@code host} still runs. A run of
     * another host cannot be checked and is taken as alive; a run recorded without a process (older selfsup4j) or a
     * pid now used by a process started at another time is not.
     */
    static boolean alive(long pid, String host, String started) {
        if (pid < 0 || host == null) {
            return false;
        }
        if (!host.equals(hostName())) {
            return true;
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(p -> started == null || p.info().startInstant().map(Object::toString).orElse("unknown").equals(started))
                .orElse(false);
    }

    private static String string(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static Double number(String json, String key) {
        return numberAfter(json, 0, key);
    }

    private static Double numberAfter(String json, int from, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": (-?[0-9.Ee+-]+|NaN)").matcher(json);
        return m.find(from) ? Double.valueOf(m.group(1)) : null;
    }

    private static Long longAfter(String json, int from, String key) {
        Double d = numberAfter(json, from, key);
        return d == null ? null : d.longValue();
    }
}
