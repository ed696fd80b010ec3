package dev.equivariance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** What a release needs from the POM, and versions that agree across the POM, the changelog and the samples. */
class ReleaseMetadataTest {

    private static Document pom(String path) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of(path).toFile());
    }

    /** The text of the project's direct child element {@code name} ("" when absent). */
    private static String child(Document pom, String name) {
        for (org.w3c.dom.Node n = pom.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().strip();
            }
        }
        return "";
    }

    private static String property(Document pom, String name) {
        return pom.getElementsByTagName(name).item(0).getTextContent().strip();
    }

    @Test
    void theVersionIsSemantic_andMatchesTheChangelogsNewestEntry() throws Exception {
        String version = child(pom("pom.xml"), "version");
        assertThat(version).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        Matcher newest = Pattern.compile("(?m)^## \\[([^]]+)]").matcher(Files.readString(Path.of("CHANGELOG.md")));
        assertThat(newest.find()).as("a version heading in CHANGELOG.md").isTrue();
        assertThat(newest.group(1)).isEqualTo(version.replace("-SNAPSHOT", ""));
    }

    @Test
    void theSamplesUseThisVersion() throws Exception {
        String version = child(pom("pom.xml"), "version");
        assertThat(property(pom("samples/pom.xml"), "auditor.version")).isEqualTo(version);
        assertThat(property(pom("samples/broken/pom.xml"), "auditor.version")).isEqualTo(version);
    }

    @Test
    void thePomHasWhatMavenCentralRequires() throws Exception {
        Document pom = pom("pom.xml");
        for (String required : new String[] {"name", "description", "url", "licenses", "developers", "scm"}) {
            assertThat(child(pom, required)).as(required).isNotBlank();
        }
        assertThat(Files.readString(Path.of("pom.xml")))
                .contains("<Automatic-Module-Name>dev.equivariance.auditor</Automatic-Module-Name>")
                .contains("<id>release</id>");
    }

    @Test
    void theLicenseFileIsTheOneThePomNames() throws IOException {
        assertThat(Files.readString(Path.of("LICENSE"))).contains("Apache License").contains("Version 2.0");
    }
}
