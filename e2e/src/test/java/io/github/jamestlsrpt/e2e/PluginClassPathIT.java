package io.github.jamestlsrpt.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The plugin reaches James only as an operator installs it: the end-to-end tests would prove nothing if our classes
 * were on the test class path, where James's parent-first class loading would take them from there.
 */
class PluginClassPathIT {

    @Test
    void shouldNotFindThePluginClassesOnTheTestClassPath() {
        for (String name : new String[] {
            "io.github.jamestlsrpt.mailets.StoreTlsReports",
            "io.github.jamestlsrpt.mailets.ExtractTlsReports",
            "io.github.jamestlsrpt.matchers.IsTlsReport",
            "io.github.jamestlsrpt.core.read.ReportReader"
        }) {
            assertThatThrownBy(() -> Class.forName(name)).as(name).isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void shouldInstallTheJames38JarThatHoldsThePlugin() throws IOException {
        try (JarFile jar = new JarFile(JamesWithPlugin.james38Jar().toFile())) {
            assertThat(jar.getEntry("io/github/jamestlsrpt/mailets/StoreTlsReports.class"))
                    .isNotNull();
            assertThat(jar.getEntry("io/github/jamestlsrpt/matchers/IsTlsReport.class"))
                    .isNotNull();
        }
    }
}
