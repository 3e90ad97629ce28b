package com.example.vflip;

import org.selfsup4j.core.spi.PretextTaskFactory;
import org.selfsup4j.core.testkit.PretextTaskContract;

/** A plugin author reuses selfsup4j's contract tests by extending them. */
class VerticalFlipTaskTest extends PretextTaskContract {
    @Override
    protected PretextTaskFactory factory() {
        return new VerticalFlipTaskFactory();
    }
}
