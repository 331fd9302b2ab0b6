package io.github.jawait.tests.shapes;

/** A checked exception of the test's own: await must rethrow it as it is. */
class MyCheckedException extends Exception {
    private static final long serialVersionUID = 1L;

    MyCheckedException(String message) {
        super(message);
    }
}
