package io.github.jamestlsrpt.core.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.github.jamestlsrpt.core.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stored document's JSON Schema ({@value StoredReport#SCHEMA_RESOURCE}) describes what {@link StoredReportJson}
 * writes, and rejects what it never writes. Assertions use networknt's message types, not its English.
 */
class StoredReportSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final JsonSchema SCHEMA = loadSchema();

    private static JsonNode schemaJson() {
        try (InputStream in = StoredReport.class.getResourceAsStream(StoredReport.SCHEMA_RESOURCE)) {
            assertThat(in).as(StoredReport.SCHEMA_RESOURCE).isNotNull();
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema loadSchema() {
        return FACTORY.getSchema(schemaJson(), CONFIG);
    }

    private static ObjectNode storedJson(String fixture) {
        StoredReport document = StoredReport.of(Fixtures.usable(fixture), Provenance.ofSource(fixture));
        try {
            return (ObjectNode) JSON.readTree(StoredReportJson.toJson(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static java.util.List<String> usableFixtures() {
        return StoredReportJsonTest.usableFixtures();
    }

    @Nested
    class TheSchema {

        @Test
        void shouldBeAValidDraft202012Schema() {
            JsonSchema metaSchema =
                    FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"), CONFIG);

            Set<ValidationMessage> errors = metaSchema.validate(schemaJson());

            assertThat(errors).isEmpty();
        }

        @Test
        void shouldDeclareDraft202012() {
            JsonNode schema = schemaJson();

            assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        }
    }

    @Nested
    class StoredDocuments {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.github.jamestlsrpt.core.document.StoredReportSchemaTest#usableFixtures")
        void shouldValidateTheStoredDocumentOfEveryUsableFixture(String fixture) {
            ObjectNode document = storedJson(fixture);

            Set<ValidationMessage> errors = SCHEMA.validate(document);

            assertThat(errors).isEmpty();
        }

        @Test
        void shouldFindEveryRfcAndRealWorldFixtureUsable() {
            java.util.List<String> expected = new java.util.ArrayList<>(Fixtures.names(Fixtures.RFC));
            expected.addAll(Fixtures.names(Fixtures.REAL_WORLD_SHAPES));

            java.util.List<String> usable = usableFixtures();

            assertThat(usable).containsExactlyInAnyOrderElementsOf(expected);
        }

        @Test
        void shouldValidateADocumentWithEveryProvenanceMember() {
            StoredReport document = StoredReport.of(
                    Fixtures.usable("rfc/several-policies-with-failures.json"),
                    new Provenance(
                            "<id@sender.example.com>",
                            "bounces@sender.example.com",
                            "tlsrpt@sender.example.com",
                            "sender.example.com",
                            "receiver.example.net",
                            "pass",
                            "sender.example.com",
                            Instant.parse("2024-05-02T03:04:05.678901Z"),
                            "report.json.gz"));

            Set<ValidationMessage> errors = SCHEMA.validate(JSON.valueToTree(document));

            assertThat(errors).isEmpty();
        }
    }

    @Nested
    class Rejections {

        @ParameterizedTest(name = "without {0}")
        @ValueSource(
                strings = {
                    "document",
                    "version",
                    "status",
                    "deduplication-key",
                    "report",
                    "figures",
                    "problems",
                    "provenance"
                })
        void shouldRejectADocumentWithoutARequiredMember(String member) {
            ObjectNode document = storedJson("rfc/sts-enforce-without-failures.json");
            document.remove(member);

            Set<ValidationMessage> errors = SCHEMA.validate(document);

            assertThat(errors)
                    .extracting(ValidationMessage::getType, ValidationMessage::getProperty)
                    .contains(org.assertj.core.api.Assertions.tuple("required", member));
        }

        @Test
        void shouldRejectASummaryWithoutItsCounts() {
            ObjectNode document = storedJson("rfc/sts-enforce-without-failures.json");
            ((ObjectNode) document.at("/report/policies/0/summary")).remove("total-failure-session-count");

            Set<ValidationMessage> errors = SCHEMA.validate(document);

            assertThat(errors)
                    .extracting(ValidationMessage::getType, ValidationMessage::getProperty)
                    .contains(org.assertj.core.api.Assertions.tuple("required", "total-failure-session-count"));
        }

        @Test
        void shouldRejectMxHostAsAString() {
            ObjectNode document = storedJson("rfc/sts-enforce-without-failures.json");
            ((ObjectNode) document.at("/report/policies/0/policy")).put("mx-host", "mx1.receiver.example.net");

            Set<ValidationMessage> errors = SCHEMA.validate(document);

            assertThat(errors).extracting(ValidationMessage::getType).contains("type");
        }

        @Test
        void shouldRejectAnUnknownStatus() {
            ObjectNode document = storedJson("rfc/sts-enforce-without-failures.json");
            document.put("status", "broken");

            Set<ValidationMessage> errors = SCHEMA.validate(document);

            assertThat(errors).extracting(ValidationMessage::getType).containsExactly("enum");
        }

        @Test
        void shouldRejectADateTimeWithAnOffsetOtherThanUtc() {
            ObjectNode document = storedJson("rfc/sts-enforce-without-failures.json");
            ((ObjectNode) document.at("/report/date-range")).put("start-datetime", "2024-05-01T02:00:00+02:00");

            Set<ValidationMessage> errors = SCHEMA.validate(document);

            assertThat(errors).extracting(ValidationMessage::getType).containsExactly("pattern");
        }

        @Test
        void shouldRejectASessionCountBeyond2Pow53Minus1() {
            ObjectNode document = storedJson("rfc/sts-enforce-without-failures.json");
            ((ObjectNode) document.at("/report/policies/0/summary"))
                    .put("total-successful-session-count", 9007199254740992L);

            Set<ValidationMessage> errors = SCHEMA.validate(document);

            assertThat(errors).extracting(ValidationMessage::getType).containsExactly("maximum");
        }

        @Test
        void shouldRejectAProblemWithAnUnknownSeverity() {
            ObjectNode document = storedJson("real-world-shapes/mx-host-as-string.json");
            ((ObjectNode) ((ArrayNode) document.get("problems")).get(0)).put("severity", "fatal");

            Set<ValidationMessage> errors = SCHEMA.validate(document);

            assertThat(errors).extracting(ValidationMessage::getType).containsExactly("enum");
        }

        @Test
        void shouldRejectAMemberTheDocumentNeverHas() {
            ObjectNode document = storedJson("rfc/sts-enforce-without-failures.json");
            ((ObjectNode) document.get("figures")).put("x-extra", 1);

            Set<ValidationMessage> errors = SCHEMA.validate(document);

            assertThat(errors).extracting(ValidationMessage::getType).containsExactly("additionalProperties");
        }

        @Test
        void shouldAcceptUnknownMembersInsideTheReport() {
            ObjectNode document = storedJson("rfc/sts-enforce-without-failures.json");
            ((ObjectNode) document.get("report")).putObject("x-anything").put("kept", true);

            Set<ValidationMessage> errors = SCHEMA.validate(document);

            assertThat(errors).isEmpty();
        }
    }
}
