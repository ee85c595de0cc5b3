package io.github.jamestlsrpt.core.read;

import io.github.jamestlsrpt.core.problem.ProblemCode;
import java.io.IOException;

/** Thrown inside the reader's streams when a {@link ReaderLimits} limit is exceeded; never leaves the reader. */
final class LimitExceededException extends IOException {

    private final ProblemCode code;

    LimitExceededException(ProblemCode code, String message) {
        super(message);
        this.code = code;
    }

    ProblemCode code() {
        return code;
    }
}
