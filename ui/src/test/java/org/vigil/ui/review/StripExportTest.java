package org.vigil.ui.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.Patient;
import org.vigil.data.model.PatientCategory;
import org.vigil.data.recording.WaveSegment;
import org.vigil.data.recording.WaveTrace;
import org.vigil.data.recording.WaveWindow;

/** The PDF strip itself: pages of 10 s, header text, names the standard font cannot print, failures. */
class StripExportTest {
    private static final Instant T0 = Instant.parse("2026-11-24T03:00:00Z");

    @TempDir
    Path dir;

    private static StripExport.Strip strip(Patient p, AlarmMarker alarm, int seconds) {
        int[] ecg = new int[250 * seconds];
        for (int i = 0; i < ecg.length; i++) {
            ecg[i] = i % 200 < 10 ? 200 : 0;
        }
        WaveWindow w = new WaveWindow("03", T0, T0.plusSeconds(seconds), List.of(new WaveTrace(MeasurementCode.ECG_II,
                250, "mV", 0.005, 0, List.of(new WaveSegment(T0, ecg)))));
        return new StripExport.Strip("icu3", "03", "Bed 03", p, T0, T0.plusSeconds(seconds), ZoneId.of("Europe/Berlin"),
                alarm, T0.plusSeconds(3600), w);
    }

    private static String text(Path pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc);
        }
    }

    @Test
    void aLongStripTakesOnePagePerTenSecondsInTheStationsZone() throws Exception {
        Path pdf = dir.resolve("long.pdf");
        StripExport.write(pdf, strip(new Patient(7, "MRN-1", "Grace Hopper", LocalDate.of(1950, 1, 1),
                PatientCategory.ADULT, true), null, 25));
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(3);
        }
        assertThat(text(pdf)).contains("Patient: Grace Hopper", "MRN: MRN-1", "SIMULATED", "Bed: Bed 03",
                "Time: 2026-11-24 04:00:00.0 to 2026-11-24 04:00:25.0 (Europe/Berlin)", "Alarm: none (chosen span)",
                "Page 3 of 3", "04:00:20");
        // the user's usual permissions (as any file they save), not a private temporary file's
        assertThat(Files.getPosixFilePermissions(pdf))
                .isEqualTo(Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain.txt"))));
    }

    @Test
    void aNameTheStandardFontCannotPrintStillExportsAndNoPatientIsSaidInWords() throws Exception {
        Path pdf = dir.resolve("names.pdf");
        AlarmMarker alarm = new AlarmMarker("a1", "03", T0.plusSeconds(5), AlarmPriority.HIGH, "ASYSTOLE", "ASYSTOLE");
        StripExport.write(pdf, strip(new Patient(8, null, "李雷 Müller", LocalDate.of(1950, 1, 1),
                PatientCategory.ADULT, false), alarm, 10));
        assertThat(text(pdf)).contains("?? Müller", "MRN: none", "Alarm: *** ASYSTOLE");

        Path none = dir.resolve("none.pdf");
        StripExport.write(none, strip(null, null, 10));
        assertThat(text(none)).contains("Patient: no patient admitted");
    }

    @Test
    void aFolderThatCannotBeWrittenIsNamedAndLeavesNoFileBehind() throws Exception {
        Path missing = dir.resolve("no-such-folder").resolve("strip.pdf");
        assertThatThrownBy(() -> StripExport.write(missing, strip(null, null, 10)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("no-such-folder");
        assertThat(missing).doesNotExist();
        Path empty = dir.resolve("empty.pdf");
        StripExport.Strip s = strip(null, null, 10);
        assertThatThrownBy(() -> StripExport.write(empty, new StripExport.Strip(s.ward(), s.bed(), s.bedLabel(), null,
                T0, T0, s.zone(), null, T0, s.window()))).hasMessageContaining("must end after it starts");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }
}
