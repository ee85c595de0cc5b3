package io.github.jamestlsrpt.core.read;

import io.github.jamestlsrpt.core.problem.Problem;
import io.github.jamestlsrpt.core.problem.Severity;
import java.util.List;

/**
 * A problem as tests expect it: the stable wire code, the severity and the RFC 6901 pointer, never the English
 * message.
 */
record ExpectedProblem(String code, Severity severity, String pointer) {

    static ExpectedProblem info(String code, String pointer) {
        return new ExpectedProblem(code, Severity.INFO, pointer);
    }

    static ExpectedProblem warning(String code, String pointer) {
        return new ExpectedProblem(code, Severity.WARNING, pointer);
    }

    static ExpectedProblem error(String code, String pointer) {
        return new ExpectedProblem(code, Severity.ERROR, pointer);
    }

    static ExpectedProblem of(Problem problem) {
        return new ExpectedProblem(problem.code().code(), problem.severity(), problem.pointer());
    }

    static List<ExpectedProblem> of(List<Problem> problems) {
        return problems.stream().map(ExpectedProblem::of).toList();
    }

    @Override
    public String toString() {
        return severity.wireName() + " " + code + " at '" + pointer + "'";
    }
}
