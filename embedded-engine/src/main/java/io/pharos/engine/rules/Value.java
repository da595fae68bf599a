package io.pharos.engine.rules;

import io.pharos.engine.model.Labels;
import java.util.List;

/** What an expression evaluates to at one instant. */
public sealed interface Value {

    record Scalar(double value) implements Value {
    }

    record Text(String value) implements Value {
    }

    /** One element of an instant vector; {@code labels} include {@code __name__} while it is kept. */
    record Element(Labels labels, double value) {
    }

    record Vector(List<Element> elements) implements Value {
    }

    /** One series of a range vector. */
    record Range(Labels labels, long[] timestamps, double[] values, int size) {
    }

    record Matrix(List<Range> series) implements Value {
    }
}
