package io.github.jawait.tests.shapes.other;

/** Package-private: code outside this package can hold one but cannot name the class. */
class Hidden implements Comparable<Hidden> {
    final String value;

    Hidden(String value) {
        this.value = value;
    }

    @Override
    public int compareTo(Hidden o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return "Hidden(" + value + ")";
    }
}
