package io.github.jamestlsrpt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * conf-samples cannot rot: the complete mailetcontainer.xml is the one every other end-to-end test runs James with;
 * this test checks that it names every parameter of every matcher and mailet of the plugin (read from the -james38
 * jar itself, in a class loader of its own), and that the snippet for merging is made of the same parts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleConfigurationIT {

    private static final String MATCHERS = "io.github.jamestlsrpt.matchers.";
    private static final String MAILETS = "io.github.jamestlsrpt.mailets.";

    private String sample;
    private URLClassLoader plugin;

    @BeforeAll
    void read() throws IOException {
        sample = Files.readString(JamesWithPlugin.sampleMailetContainer(), StandardCharsets.UTF_8);
        plugin = new URLClassLoader(
                new URL[] {JamesWithPlugin.james38Jar().toUri().toURL()},
                getClass().getClassLoader());
    }

    @AfterAll
    void close() throws IOException {
        plugin.close();
    }

    static Stream<String> matchers() {
        return Stream.of(
                "IsTlsReport",
                "HasTlsReportFailures",
                "HasTlsReportStatus",
                "HasUnauthenticatedTlsReport",
                "HasInvalidTlsReport");
    }

    @ParameterizedTest
    @MethodSource("matchers")
    void shouldUseEveryMatcherAndNameEachOfItsParameters(String matcher) throws Exception {
        List<?> parameters = (List<?>) staticField(MATCHERS + matcher, "PARAMETERS");

        assertThat(sample).contains("match=\"" + MATCHERS + matcher);
        for (Object parameter : parameters) {
            Method name = parameter.getClass().getMethod("name");
            assertThat(sample).contains((String) name.invoke(parameter));
        }
    }

    @Test
    void shouldNameEveryParameterOfExtractTlsReports() throws Exception {
        Collection<?> parameters = (Collection<?>) staticField(MAILETS + "ExtractConfiguration", "PARAMETERS");

        assertThat(parameters).hasSize(10);
        assertThat(sample).contains("class=\"" + MAILETS + "ExtractTlsReports\"");
        for (Object parameter : parameters) {
            assertThat(sample).contains("<" + parameter + ">");
        }
    }

    @Test
    void shouldNameEveryParameterOfStoreTlsReports() throws Exception {
        Collection<?> parameters = (Collection<?>) staticField(MAILETS + "StoreTlsReports", "PARAMETERS");

        assertThat(parameters).hasSize(4);
        assertThat(sample).contains("class=\"" + MAILETS + "StoreTlsReports\"");
        for (Object parameter : parameters) {
            assertThat(sample).contains("<" + parameter + ">");
        }
    }

    @Test
    void shouldNameEveryParameterOfSendTlsReportSummary() throws Exception {
        Collection<?> parameters = (Collection<?>) staticField(MAILETS + "SendTlsReportSummary", "PARAMETERS");

        assertThat(parameters).hasSize(4);
        assertThat(sample).contains("class=\"" + MAILETS + "SendTlsReportSummary\"");
        for (Object parameter : parameters) {
            assertThat(sample).contains("<" + parameter + ">");
        }
    }

    @Test
    void shouldOfferInTheSnippetTheSamePartsAsInTheCompleteSample() throws Exception {
        Document complete = parse(JamesWithPlugin.sampleMailetContainer());
        Document snippet = parse(JamesWithPlugin.confSamples().resolve("tlsrpt-processor-snippet.xml"));

        for (String state : List.of("tlsrpt", "tlsrpt-error")) {
            assertThat(normalised(processor(snippet, state))).isEqualTo(normalised(processor(complete, state)));
        }
        Element snippetRoot = processor(snippet, "root");
        Element completeRoot = processor(complete, "root");
        List<String> routing = children(snippetRoot);
        assertThat(routing).hasSize(2);
        assertThat(children(completeRoot)).containsAll(routing);
        assertThat(routing.get(0)).contains(MATCHERS + "IsTlsReport");
        assertThat(routing.get(1)).contains("<processor>tlsrpt</processor>");
    }

    private Object staticField(String className, String field) throws ReflectiveOperationException {
        Class<?> type = Class.forName(className, true, plugin);
        Field declared = type.getDeclaredField(field);
        declared.setAccessible(true);
        return declared.get(null);
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setIgnoringComments(true);
        factory.setIgnoringElementContentWhitespace(true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static Element processor(Document document, String state) {
        NodeList processors = document.getElementsByTagName("processor");
        for (int i = 0; i < processors.getLength(); i++) {
            Element processor = (Element) processors.item(i);
            if (state.equals(processor.getAttribute("state"))) {
                return processor;
            }
        }
        throw new AssertionError("no processor " + state);
    }

    /** The element's children, each as one line of text without comments nor white space between elements. */
    private static List<String> children(Element parent) {
        List<String> children = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                children.add(normalised(element));
            }
        }
        return children;
    }

    private static String normalised(Node node) {
        StringBuilder text = new StringBuilder();
        if (node instanceof Element element) {
            text.append('<').append(element.getTagName());
            for (int i = 0; i < element.getAttributes().getLength(); i++) {
                Node attribute = element.getAttributes().item(i);
                text.append(' ')
                        .append(attribute.getNodeName())
                        .append("=\"")
                        .append(attribute.getNodeValue())
                        .append('"');
            }
            text.append('>');
            for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
                text.append(normalised(child));
            }
            text.append("</").append(element.getTagName()).append('>');
        } else if (node.getNodeType() == Node.TEXT_NODE) {
            text.append(node.getNodeValue().strip());
        }
        return text.toString();
    }
}
