package io.github.jamestlsrpt.core.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jamestlsrpt.core.document.PolicyScope;
import io.github.jamestlsrpt.core.model.PolicyType;
import io.github.jamestlsrpt.core.model.ResultType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExplanationsTest {

    @Nested
    class ResultTypes {

        @ParameterizedTest
        @EnumSource(value = ResultType.Kind.class, names = "OTHER", mode = EnumSource.Mode.EXCLUDE)
        void shouldExplainAndTellHowToFixEveryKnownResultType(ResultType.Kind kind) {
            ResultType resultType = ResultType.of(kind);

            Explanation explanation = Explanations.of(resultType);

            assertThat(explanation.title()).isNotBlank();
            assertThat(explanation.meaning()).isNotBlank();
            assertThat(explanation.fix()).isNotBlank();
        }

        @Test
        void shouldGiveEveryKnownResultTypeItsOwnMeaningAndFix() {
            List<Explanation> explanations = Arrays.stream(ResultType.Kind.values())
                    .filter(kind -> kind != ResultType.Kind.OTHER)
                    .map(kind -> Explanations.of(ResultType.of(kind)))
                    .toList();

            assertThat(explanations).extracting(Explanation::meaning).doesNotHaveDuplicates();
            assertThat(explanations).extracting(Explanation::fix).doesNotHaveDuplicates();
            assertThat(explanations).extracting(Explanation::title).doesNotHaveDuplicates();
        }

        @Test
        void shouldTitleAnUnknownResultTypeWithItsValueVerbatim() {
            ResultType unknown = ResultType.of("x-quantum-handshake-failure");

            Explanation explanation = Explanations.of(unknown);

            assertThat(explanation.title()).isEqualTo("x-quantum-handshake-failure");
            assertThat(explanation.meaning()).isNotBlank();
        }

        @Test
        void shouldTellAnUnknownResultTypeFromAKnownOne() {
            Explanation unknown = Explanations.of(ResultType.of("x-new"));

            Explanation known = Explanations.of(ResultType.of(ResultType.Kind.CERTIFICATE_EXPIRED));

            assertThat(unknown.meaning()).isNotEqualTo(known.meaning());
        }
    }

    @Nested
    class PolicyTypes {

        @ParameterizedTest
        @EnumSource(PolicyType.Kind.class)
        void shouldExplainEveryPolicyType(PolicyType.Kind kind) {
            PolicyType policyType =
                    kind == PolicyType.Kind.OTHER ? PolicyType.of("x-future-policy") : PolicyType.of(kind.wireValue());

            Explanation explanation = Explanations.of(policyType);

            assertThat(policyType.kind()).isEqualTo(kind);
            assertThat(explanation.title()).isNotBlank();
            assertThat(explanation.meaning()).isNotBlank();
        }

        @Test
        void shouldTitleAnUnknownPolicyTypeWithItsValueVerbatim() {
            Explanation explanation = Explanations.of(PolicyType.of("x-future-policy"));

            assertThat(explanation.title()).isEqualTo("x-future-policy");
        }
    }

    @Nested
    class Scopes {

        @ParameterizedTest
        @EnumSource(PolicyScope.class)
        void shouldExplainEveryScope(PolicyScope scope) {
            Explanation explanation = Explanations.of(scope);

            assertThat(explanation.title()).isNotBlank();
            assertThat(explanation.meaning()).isNotBlank();
        }
    }
}
