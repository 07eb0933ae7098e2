package org.vigil.ui.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.Patient;
import org.vigil.data.recording.WaveTrace;
import org.vigil.data.recording.WaveWindow;

/**
 * Prints a full-disclosure strip to PDF (A4 landscape, 10 s per page at 25 mm/s, ECG at 10 mm/mV, on a 1 mm/5 mm
 * paper grid) with the patient, bed, time span, channel names and scales and the alarm that triggered it. Gaps in
 * the recording stay gaps, labelled "no data". The file appears whole or not at all (written beside it, then
 * moved). Blocking file I/O: call it off the JavaFX thread. Any thread.
 */
public final class StripExport {
    /** What one page holds. */
    public static final Duration PAGE = Duration.ofSeconds(10);

    private static final float PAGE_W_MM = 297;
    private static final float PAGE_H_MM = 210;
    private static final float MARGIN_MM = 10;
    private static final float GUTTER_MM = 22; // channel names, scales and the calibration pulse
    private static final float STRIP_TOP_MM = 170;
    private static final float STRIP_BOTTOM_MM = 22;
    private static final float ECG_ROW_MM = 30;
    private static final float OTHER_ROW_MM = 20;
    private static final PaperScale PT = PaperScale.pdfPoints();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.S", Locale.ROOT);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private StripExport() {
    }

    /**
     * One strip to print.
     *
     * @param patient the bed's patient, or null when none is admitted
     * @param alarm   the alarm that triggered the strip, or null for a chosen span
     * @param window  the recording of {@code [from, to)}
     */
    public record Strip(String ward, String bed, String bedLabel, Patient patient, Instant from, Instant to,
                        ZoneId zone, AlarmMarker alarm, Instant printedAt, WaveWindow window) {
        public Strip {
            Objects.requireNonNull(bed, "bed");
            Objects.requireNonNull(bedLabel, "bedLabel");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(printedAt, "printedAt");
        }

        public Strip with(WaveWindow w) {
            return new Strip(ward, bed, bedLabel, patient, from, to, zone, alarm, printedAt, w);
        }
    }

    /**
     * Writes the strip to {@code file}.
     *
     * @throws IllegalArgumentException when the span is empty or the strip has no recording
     * @throws UncheckedIOException     when the file cannot be written (the message names it)
     */
    public static void write(Path file, Strip strip) {
        if (strip.window() == null) {
            throw new IllegalArgumentException("no recording to print");
        }
        if (!strip.to().isAfter(strip.from())) {
            throw new IllegalArgumentException("the strip must end after it starts");
        }
        Path dir = file.toAbsolutePath().getParent();
        Path temp = null;
        try {
            // beside the file (same file system, so the move is atomic), with the user's usual permissions
            temp = dir.resolve("." + file.getFileName() + "." + java.util.UUID.randomUUID() + ".part");
            try (PDDocument doc = new PDDocument();
                 var out = Files.newOutputStream(temp, java.nio.file.StandardOpenOption.CREATE_NEW)) {
                render(doc, strip);
                doc.save(out);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the move succeeded or the write failed: nothing more to do
                }
            }
        }
    }

    /** The header lines, as printed (also what a test finds in the PDF's text). */
    static List<String> header(Strip s) {
        List<String> lines = new ArrayList<>();
        Patient p = s.patient();
        String patient = p == null ? "Patient: no patient admitted"
                : "Patient: " + p.name() + "   MRN: " + (p.mrn() == null ? "none" : p.mrn())
                        + (p.simulated() ? "   SIMULATED" : "");
        lines.add(patient + "   Bed: " + s.bedLabel() + (s.ward() == null ? "" : "   Ward: " + s.ward()));
        lines.add("Time: " + TIME.format(s.from().atZone(s.zone())) + " to " + TIME.format(s.to().atZone(s.zone()))
                + " (" + s.zone().getId() + ")");
        lines.add(s.alarm() == null ? "Alarm: none (chosen span)"
                : "Alarm: " + s.alarm().label() + "   onset " + TIME.format(s.alarm().onset().atZone(s.zone())));
        lines.add("Speed 25 mm/s   ECG gain 10 mm/mV   Grid 1 mm / 5 mm");
        return lines;
    }

    private static void render(PDDocument doc, Strip s) throws IOException {
        PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle("Strip " + s.bedLabel() + " " + TIME.format(s.from().atZone(s.zone())));
        info.setCreator("Vigil");

        List<WaveTrace> traces = new ArrayList<>(s.window().traces());
        traces.sort(java.util.Comparator.comparingInt((WaveTrace t) -> MeasurementCode.ECG_II.equals(t.code()) ? 0
                : MeasurementCode.isEcg(t.code()) ? 1 : 2).thenComparing(WaveTrace::code));
        List<WaveTrace> shown = new ArrayList<>();
        float height = 0;
        for (WaveTrace t : traces) {
            float h = MeasurementCode.isEcg(t.code()) ? ECG_ROW_MM : OTHER_ROW_MM;
            if (height + h <= STRIP_TOP_MM - STRIP_BOTTOM_MM) {
                shown.add(t);
                height += h;
            }
        }
        int omitted = traces.size() - shown.size();
        long pages = Math.max(1, (Duration.between(s.from(), s.to()).toNanos() + PAGE.toNanos() - 1) / PAGE.toNanos());
        List<String> header = header(s);
        for (int page = 0; page < pages; page++) {
            Instant from = s.from().plus(PAGE.multipliedBy(page));
            Instant to = from.plus(PAGE).isAfter(s.to()) ? s.to() : from.plus(PAGE);
            PDPage pdPage = new PDPage(new PDRectangle(mm(PAGE_W_MM), mm(PAGE_H_MM)));
            doc.addPage(pdPage);
            try (PDPageContentStream cs = new PDPageContentStream(doc, pdPage)) {
                text(cs, bold, 11, MARGIN_MM, 200, "Vigil full-disclosure strip");
                for (int i = 0; i < header.size(); i++) {
                    text(cs, regular, 9, MARGIN_MM, 194 - 5.5f * i, header.get(i));
                }
                float stripLeft = MARGIN_MM + GUTTER_MM;
                float stripWidth = (float) (PaperScale.seconds(from, to) * PaperScale.MM_PER_SECOND);
                float top = STRIP_TOP_MM;
                float bottom = top - Math.max(height, OTHER_ROW_MM);
                grid(cs, stripLeft, bottom, stripWidth, top - bottom);
                if (shown.isEmpty()) {
                    text(cs, regular, 10, stripLeft + 5, (top + bottom) / 2, "no data recorded in this span");
                }
                float rowTop = top;
                for (WaveTrace t : shown) {
                    boolean ecg = MeasurementCode.isEcg(t.code());
                    float rowH = ecg ? ECG_ROW_MM : OTHER_ROW_MM;
                    row(cs, regular, t, from, to, stripLeft, rowTop - rowH, rowH);
                    rowTop -= rowH;
                }
                timeMarks(cs, regular, from, to, stripLeft, bottom, s.zone());
                String footer = "Page " + (page + 1) + " of " + pages + "   printed "
                        + TIME.format(s.printedAt().atZone(s.zone())) + " by Vigil"
                        + (omitted > 0 ? "   " + omitted + " further channel(s) not printed" : "")
                        + "   Not a medical device";
                text(cs, regular, 7, MARGIN_MM, 8, footer);
            }
        }
    }

    private static void row(PDPageContentStream cs, PDType1Font font, WaveTrace t, Instant from, Instant to,
                            float left, float bottom, float height) throws IOException {
        ChannelScale scale = ChannelScale.of(t.code(), t.unit(), t.scale(), t.offset(), t.rate(), t.segments(), from,
                to, height);
        float mid = bottom + height / 2;
        text(cs, font, 9, MARGIN_MM, bottom + height - 4, MeasurementCode.shortLabel(t.code()));
        text(cs, font, 6.5f, MARGIN_MM, bottom + height - 7.5f, scale.label());
        if (MeasurementCode.isEcg(t.code()) && ChannelScale.mvPerUnit(t.unit()) > 0) {
            // the 1 mV calibration pulse: 10 mm high, 0.2 s (5 mm) wide, rising from the trace's 0 mV line
            cs.setStrokingColor(0f, 0f, 0f);
            cs.setLineWidth(0.6f);
            float x0 = MARGIN_MM + 12;
            float base = (float) Math.clamp(mid + scale.mm(0), bottom + 1, bottom + height - 11);
            cs.moveTo(mm(x0), mm(base));
            cs.lineTo(mm(x0 + 2), mm(base));
            cs.lineTo(mm(x0 + 2), mm(base + 10));
            cs.lineTo(mm(x0 + 7), mm(base + 10));
            cs.lineTo(mm(x0 + 7), mm(base));
            cs.lineTo(mm(x0 + 9), mm(base));
            cs.stroke();
            text(cs, font, 6, x0 - 6.5f, base + 4, "1 mV");
        }
        double width = PaperScale.seconds(from, to) * PaperScale.MM_PER_SECOND;
        cs.saveGraphicsState();
        cs.addRect(mm(left), mm(bottom), mm((float) width), mm(height));
        cs.clip();
        cs.setStrokingColor(0f, 0f, 0f);
        cs.setLineWidth(0.5f);
        // in mm; one point per 0.05 mm keeps every sample at 25 mm/s up to 500 Hz
        var lines = WaveformPlot.polylines(t.rate(), t.segments(), from, to, PaperScale.MM_PER_SECOND, left, 0.05,
                raw -> mid + scale.mm(t.offset() + t.scale() * raw));
        for (var line : lines) {
            cs.moveTo(mm((float) line.x()[0]), mm((float) line.y()[0]));
            for (int i = 1; i < line.size(); i++) {
                cs.lineTo(mm((float) line.x()[i]), mm((float) line.y()[i]));
            }
            if (line.size() == 1) {
                cs.lineTo(mm((float) line.x()[0] + 0.1f), mm((float) line.y()[0]));
            }
            cs.stroke();
        }
        cs.restoreGraphicsState();
        for (var gap : WaveformPlot.gaps(t.rate(), t.segments(), from, to, Duration.ofMillis(320))) {
            float gx = (float) (left + PaperScale.seconds(from, gap.from()) * PaperScale.MM_PER_SECOND);
            float gw = (float) (PaperScale.seconds(gap.from(), gap.to()) * PaperScale.MM_PER_SECOND);
            cs.setNonStrokingColor(0.55f, 0.55f, 0.55f);
            text(cs, font, 6.5f, gx + Math.max(0, gw / 2 - 5), mid - 1, "no data");
            cs.setNonStrokingColor(0f, 0f, 0f);
        }
    }

    private static void grid(PDPageContentStream cs, float left, float bottom, float width, float height)
            throws IOException {
        cs.setLineWidth(0.15f);
        cs.setStrokingColor(1f, 0.78f, 0.78f);
        for (float x = 0; x <= width + 0.001f; x += 1) {
            if (Math.round(x) % 5 != 0) {
                cs.moveTo(mm(left + x), mm(bottom));
                cs.lineTo(mm(left + x), mm(bottom + height));
            }
        }
        for (float y = 0; y <= height + 0.001f; y += 1) {
            if (Math.round(y) % 5 != 0) {
                cs.moveTo(mm(left), mm(bottom + y));
                cs.lineTo(mm(left + width), mm(bottom + y));
            }
        }
        cs.stroke();
        cs.setLineWidth(0.45f);
        cs.setStrokingColor(0.93f, 0.45f, 0.45f);
        for (float x = 0; x <= width + 0.001f; x += 5) {
            cs.moveTo(mm(left + x), mm(bottom));
            cs.lineTo(mm(left + x), mm(bottom + height));
        }
        for (float y = 0; y <= height + 0.001f; y += 5) {
            cs.moveTo(mm(left), mm(bottom + y));
            cs.lineTo(mm(left + width), mm(bottom + y));
        }
        cs.stroke();
    }

    /** A tick every second under the strip, with the time of day. */
    private static void timeMarks(PDPageContentStream cs, PDType1Font font, Instant from, Instant to, float left,
                                  float bottom, ZoneId zone) throws IOException {
        cs.setStrokingColor(0f, 0f, 0f);
        cs.setLineWidth(0.4f);
        Instant t = Instant.ofEpochSecond(from.getEpochSecond());
        if (t.isBefore(from)) {
            t = t.plusSeconds(1);
        }
        for (; !t.isAfter(to); t = t.plusSeconds(1)) {
            float x = (float) (left + PaperScale.seconds(from, t) * PaperScale.MM_PER_SECOND);
            cs.moveTo(mm(x), mm(bottom));
            cs.lineTo(mm(x), mm(bottom - 2));
            cs.stroke();
            text(cs, font, 6.5f, x - 4.5f, bottom - 5, CLOCK.format(t.atZone(zone)));
        }
    }

    private static void text(PDPageContentStream cs, PDType1Font font, float size, float xMm, float yMm, String s)
            throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(mm(xMm), mm(yMm));
        cs.showText(printable(font, s));
        cs.endText();
    }

    /** The text with every character the standard font cannot print replaced by '?': a name never fails an export. */
    static String printable(PDType1Font font, String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            String c = new String(Character.toChars(cp));
            try {
                font.encode(c);
                out.append(c);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }

    private static float mm(float v) {
        return (float) PT.units(v);
    }
}
