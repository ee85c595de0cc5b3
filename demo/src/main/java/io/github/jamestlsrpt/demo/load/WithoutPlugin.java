package io.github.jamestlsrpt.demo.load;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The baseline of the comparisons: conf-samples/mailetcontainer.xml with the plugin taken out, which is James's own
 * sample configuration again. From the root processor go the composite matcher {@value #MATCHER} and the mailet that
 * uses it (the one line that routes report mails to the plugin); the processors {@value #PROCESSOR} and
 * {@value #ERROR_PROCESSOR} go too. Report mails then take the transport processor like any mail: plain
 * LocalDelivery into the INBOX. Everything else is left as it is. The sample file itself is only read.
 */
public final class WithoutPlugin {

    static final String MATCHER = "tlsrpt-report-mail";
    static final String PROCESSOR = "tlsrpt";
    static final String ERROR_PROCESSOR = "tlsrpt-error";

    private WithoutPlugin() {}

    /** Writes the variant of the sample file to the target file. */
    public static void write(Path sample, Path target) throws IOException {
        Files.writeString(target, of(Files.readString(sample, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /**
     * The variant of a mailetcontainer.xml text.
     *
     * @throws IllegalArgumentException when the text lacks one of the parts to remove: the comparison would then
     *     compare a configuration with itself
     */
    public static String of(String mailetContainer) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(mailetContainer)));
            Element root = processor(document, "root");
            remove(children(root, "matcher", "name", MATCHER), "the matcher " + MATCHER);
            remove(children(root, "mailet", "match", MATCHER), "the mailet matching " + MATCHER);
            Element processors = (Element) root.getParentNode();
            remove(children(processors, "processor", "state", PROCESSOR), "the processor " + PROCESSOR);
            remove(children(processors, "processor", "state", ERROR_PROCESSOR), "the processor " + ERROR_PROCESSOR);
            StringWriter text = new StringWriter();
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.transform(new DOMSource(document), new StreamResult(text));
            return text.toString();
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("not a readable mailetcontainer.xml: " + e.getMessage(), e);
        }
    }

    private static Element processor(Document document, String state) {
        List<Element> found = new ArrayList<>();
        NodeList processors = document.getElementsByTagName("processor");
        for (int i = 0; i < processors.getLength(); i++) {
            Element processor = (Element) processors.item(i);
            if (processor.getAttribute("state").equals(state)) {
                found.add(processor);
            }
        }
        if (found.size() != 1) {
            throw new IllegalArgumentException("expected one processor " + state + ", found " + found.size());
        }
        return found.get(0);
    }

    private static List<Element> children(Element parent, String tag, String attribute, String value) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element
                    && element.getTagName().equals(tag)
                    && element.getAttribute(attribute).equals(value)) {
                found.add(element);
            }
        }
        return found;
    }

    private static void remove(List<Element> elements, String what) {
        if (elements.size() != 1) {
            throw new IllegalArgumentException("expected " + what + " once, found it " + elements.size() + " times");
        }
        Element element = elements.get(0);
        element.getParentNode().removeChild(element);
    }
}
