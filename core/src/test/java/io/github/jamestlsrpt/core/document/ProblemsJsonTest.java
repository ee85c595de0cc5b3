package io.github.jamestlsrpt.core.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jamestlsrpt.core.problem.Problem;
import io.github.jamestlsrpt.core.problem.ProblemCode;
import io.github.jamestlsrpt.core.problem.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A list of problems is written as the document writes its problems, which is what Jackson writes for the records. */
class ProblemsJsonTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void shouldWriteNoProblemsAsAnEmptyArray() throws Exception {
        assertThat(StoredReportJson.toJson(List.of())).isEqualTo("[]").isEqualTo(JACKSON.writeValueAsString(List.of()));
    }

    @Test
    void shouldWriteEachProblemAsJacksonWritesTheRecord() throws Exception {
        List<Problem> problems = List.of(
                Problem.of(ProblemCode.DATETIME_WITHOUT_ZONE, "/date-range/start-datetime", "read as UTC"),
                new Problem(Severity.ERROR, "", ProblemCode.NO_REPORT_MEMBERS, "quote \" backslash \\ tab \t"),
                new Problem(Severity.INFO, "/policies/0", ProblemCode.DATETIME_INVALID, "ünïcode \u2028 \u0001 😀"),
                new Problem(Severity.WARNING, "/x", ProblemCode.DATE_RANGE_NOT_ONE_DAY, "a".repeat(3000)));

        String json = StoredReportJson.toJson(problems);

        assertThat(json).isEqualTo(JACKSON.writeValueAsString(problems));
        assertThat(json)
                .startsWith("[{\"severity\":\"warning\",\"pointer\":\"/date-range/start-datetime\","
                        + "\"code\":\"datetime-without-zone\",\"message\":\"read as UTC\"},");
    }
}
