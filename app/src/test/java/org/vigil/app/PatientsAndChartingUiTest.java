package org.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.vigil.alarms.Alarm;
import org.vigil.alarms.sound.AudioMode;
import org.vigil.data.emr.EmrPatient;
import org.vigil.data.emr.EmrSettings;
import org.vigil.data.emr.OutboxEntry;
import org.vigil.data.model.Bed;
import org.vigil.data.model.BedSettings;
import org.vigil.data.model.Limit;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.Patient;
import org.vigil.data.model.PatientCategory;
import org.vigil.data.model.Role;
import org.vigil.data.store.FirstRun;
import org.vigil.data.store.UserStore;
import org.vigil.link.wire.Decoded;
import org.vigil.link.wire.WireCodec;
import org.vigil.testing.FhirTestServer;
import org.vigil.testing.FreePorts;
import org.vigil.testing.HeadlessFxExtension;
import org.vigil.testing.MqttTestClient;
import org.vigil.testing.MutableClock;
import org.vigil.ui.ConsoleView;
import org.vigil.ui.ConsoleWindow;
import org.vigil.ui.Styles;
import org.vigil.ui.charting.ChartingEventsViewModel;

/**
 * Admissions and charting at the console against a real station (database, embedded broker, alarm engine) and a
 * real, validating FHIR R4 server, in a headless window: what the nurse does and sees, and what arrives in the EMR.
 */
@ExtendWith(HeadlessFxExtension.class)
class PatientsAndChartingUiTest {
    private static final String PASSWORD = "Quiet-ward-at-night-7";
    private static int wards;

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    /**
     * Whole milliseconds: the databases keep microseconds (rounding), and an outbox row stamped a few nanoseconds
     * after a clock that never moves would never fall due.
     */
    private final MutableClock clock = MutableClock.at(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    private FhirTestServer emr;
    private Station station;
    private ConsoleView console;
    private String ward;
    private int port;
    /** The bedside monitors' message counter: the link ignores a repeated seq as a second delivery. */
    private long seq;

    private void start() throws Exception {
        ward = "pw" + (++wards);
        port = FreePorts.loopback();
        station = new Station(new StationConfig(false, null, port, ward, "cs-pt", 0, dir.resolve("data"),
                Duration.ofSeconds(10), List.of(new Bed("01", "Bed 01", true), new Bed("02", "Bed 02", true)), null,
                null, null, AudioMode.OFF), clock);
        station.emrSettings = EmrSettings.of(emr.baseUrl()).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(30));
        station.emrSyncInterval = Duration.ofHours(1); // the test polls the EMR itself
        station.start();
        AtomicReference<ConsoleView> view = new AtomicReference<>();
        FxToolkit.setupStage(stage -> {
            ConsoleView c = new ConsoleView(station.uiContext());
            c.setPatientServices(station.patientService(), station.chartingService());
            Scene scene = new Scene(c, 1600, 900);
            scene.getStylesheets().add(ConsoleWindow.class.getResource(Styles.THEME).toExternalForm());
            stage.setScene(scene);
            c.installShortcuts(scene);
            stage.show();
            c.start();
            view.set(c);
        });
        WaitForAsyncUtils.waitForFxEvents();
        console = view.get();
        UserStore users = new UserStore(station.database(), "cs-pt");
        FirstRun.createFirstAdmin(users, "admin", PASSWORD.toCharArray());
        users.createUser("nurse.kim", "Kim Lee", Role.NURSE, PASSWORD.toCharArray(), "admin");
        users.createUser("charge.ana", "Ana Moss", Role.CHARGE_NURSE, PASSWORD.toCharArray(), "admin");
        await().atMost(Duration.ofSeconds(10)).until(() -> station.link().state() == org.vigil.link.LinkState.CONNECTED);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (console != null) {
            FxToolkit.setupFixture(() -> console.stop());
        }
        FxToolkit.cleanupStages();
        if (station != null) {
            station.close();
        }
        if (emr != null) {
            emr.close();
        }
    }

    private void logIn() throws Exception {
        assertThat(station.uiContext().actions().logIn("nurse.kim", PASSWORD.toCharArray())
                .get(10, TimeUnit.SECONDS).done()).isTrue();
    }

    private Node tile(String bed) {
        return robot.lookup("#bed-" + bed).query();
    }

    private String text(Node in, String query) {
        return robot.from(in).lookup(query).queryAs(Label.class).getText();
    }

    private String text(String query) {
        return robot.lookup(query).tryQuery().map(n -> ((Label) n).getText()).orElse(null);
    }

    private void menu(String bed, String item) {
        robot.clickOn(tile(bed), MouseButton.SECONDARY);
        robot.clickOn(item);
    }

    private void typeInto(String query, String value) {
        TextField f = robot.lookup(query).queryAs(TextField.class);
        robot.clickOn(f).type(KeyCode.END).eraseText(f.getText().length()).write(value);
    }

    private void awaitShown(String query) {
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup(query).tryQuery().isPresent());
    }

    private void awaitGone(String query) {
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup(query).tryQuery().isEmpty());
    }

    private Patient patientIn(String bed) {
        return station.uiContext().patientOfBed().apply(bed);
    }

    private List<String> audit() {
        return station.database().query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT action, username FROM audit_log ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + ":" + rs.getString(2));
                }
                return rows;
            }
        });
    }

    /** The bedside monitor of {@code bed} sends one set of numerics now. */
    private void numerics(String bed, String hrUnit, double hr) throws Exception {
        numerics(bed, hrUnit, hr, 97);
    }

    /** The same with this SpO2; waits until the station has the message (its HR and SpO2). */
    private void numerics(String bed, String hrUnit, double hr, double spo2) throws Exception {
        try (MqttTestClient device = new MqttTestClient()) {
            device.connect("tcp://127.0.0.1:" + port);
            device.publish("ward/" + ward + "/bed/" + bed + "/numerics", ("{\"v\":1,\"device\":\"mon-" + bed
                    + "\",\"time\":\"" + WireCodec.formatTime(clock.instant()) + "\",\"seq\":" + (++seq)
                    + ",\"values\":["
                    + value("MDC_ECG_HEART_RATE", hr, hrUnit) + "," + value("MDC_PULS_OXIM_SAT_O2", spo2, "%") + ","
                    + value("MDC_RESP_RATE", 16, "/min") + "," + value("MDC_TEMP_BODY", 36.8, "Cel") + ","
                    + value("MDC_PRESS_BLD_NONINV_SYS", 121, "mm[Hg]") + ","
                    + value("MDC_PRESS_BLD_NONINV_DIA", 79, "mm[Hg]") + ","
                    + value("MDC_PRESS_BLD_NONINV_MEAN", 93, "mm[Hg]") + "]}").getBytes(StandardCharsets.UTF_8), 1, false);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> station.live().bed(bed).numeric("MDC_ECG_HEART_RATE") != null
                && station.live().bed(bed).numeric("MDC_ECG_HEART_RATE").value() == hr
                && station.live().bed(bed).numeric("MDC_PULS_OXIM_SAT_O2").value() == spo2);
    }

    /**
     * Waits until the patient's one charting event is sent or refused. The outbox backs off on the station's
     * (fake) clock: a send that timed out (a loaded machine; the server's validator meeting an R4 profile for the
     * first time) is retried by moving the clock to its next attempt, as time would.
     */
    private OutboxEntry awaitDone(long patientId) {
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            OutboxEntry e = station.emrOutbox().forPatient(patientId, 10).get(0);
            if (e.state() == OutboxEntry.State.PENDING && e.lastError() != null
                    && clock.instant().isBefore(e.nextAttemptAt())) {
                clock.set(e.nextAttemptAt());
                station.emrWorker().wakeUp();
            }
            return e.state() != OutboxEntry.State.PENDING;
        });
        return station.emrOutbox().forPatient(patientId, 10).get(0);
    }

    private static String value(String code, double v, String unit) {
        return "{\"code\":\"" + code + "\",\"value\":" + v + ",\"unit\":\"" + unit + "\"}";
    }

    /** Admits the EMR's patient with {@code mrn} to {@code bed} through the service (not what a test is about). */
    private Patient admitFromEmr(String bed, String mrn) throws Exception {
        EmrPatient p = station.patientService().searchByMrn(mrn).get(10, TimeUnit.SECONDS).patients().get(0);
        assertThat(station.patientService().admitFromEmr(bed, p, PatientCategory.ADULT).get(10, TimeUnit.SECONDS).done())
                .isTrue();
        return patientIn(bed);
    }

    @Test
    void aNurseAdmitsFromAnEmrSearchAndTheTileShowsNameMrnAndAge() throws Exception {
        emr = FhirTestServer.start();
        emr.seedPatient(null, "MRN-1001", "Anna", "Berg", LocalDate.of(1961, 4, 23));
        start();
        logIn();

        menu("01", "Admit patient…");
        awaitShown("#admit-search-mrn");
        typeInto("#admit-search-mrn", "MRN-1001");
        robot.clickOn("#admit-search");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#admit-results")
                .queryAs(ListView.class).getItems().size() == 1);
        robot.clickOn("#admit-selected");
        awaitGone("#admit-selected");

        int age = Period.between(LocalDate.of(1961, 4, 23), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)).getYears();
        Node tile = tile("01");
        await().atMost(Duration.ofSeconds(5)).until(() -> ("Anna Berg, " + age + " y").equals(text(tile, ".bed-patient")));
        assertThat(text(tile, "#patient-detail-01")).isEqualTo("MRN MRN-1001 · adult");
        assertThat(robot.lookup("#unconfirmed-01").query().isVisible()).isFalse();
        assertThat(patientIn("01").confirmed()).isTrue();
        assertThat(audit()).contains("admit:nurse.kim");
    }

    @Test
    void admittedByHandWhileTheEmrIsDownItIsUnconfirmedUntilTheEmrKnowsTheMrn() throws Exception {
        emr = FhirTestServer.start();
        emr.seedPatient(null, "MRN-2002", "Bo", "Lind", LocalDate.of(1950, 1, 2));
        emr.down();
        start();

        menu("01", "Admit patient…");
        awaitShown("#admit-search-mrn");
        assertThat(robot.lookup("#admit-by-hand").queryAs(Button.class).isDisabled())
                .as("by hand only once the EMR cannot be asked").isTrue();
        typeInto("#admit-search-mrn", "MRN-2002");
        robot.clickOn("#admit-search");
        await().atMost(Duration.ofSeconds(10)).until(() -> text("#admit-message") != null
                && text("#admit-message").startsWith("EMR unreachable"));
        typeInto("#admit-manual-name", "Bo Lind");
        typeInto("#admit-manual-mrn", "MRN-2002");
        typeInto("#admit-manual-birth", "1950-01-02");
        robot.clickOn("#admit-by-hand");
        // nobody logged in: refused, the dialog stays open and says so
        await().atMost(Duration.ofSeconds(5)).until(() -> "Log in to admit a patient".equals(text("#admit-message")));
        assertThat(patientIn("01")).isNull();
        logIn();
        robot.clickOn("#admit-by-hand");
        awaitGone("#admit-by-hand");

        Node tile = tile("01");
        await().atMost(Duration.ofSeconds(5)).until(() -> text(tile, ".bed-patient").startsWith("Bo Lind"));
        assertThat(robot.lookup("#unconfirmed-01").query().isVisible()).isTrue();
        assertThat(patientIn("01").confirmed()).isFalse();

        // the EMR is back: the matcher finds MRN-2002 there and confirms the patient
        emr.up();
        station.patientsAndCharting().patients().matchUnconfirmed();
        await().atMost(Duration.ofSeconds(10)).until(() -> patientIn("01").confirmed());
        await().atMost(Duration.ofSeconds(5)).until(() -> !robot.lookup("#unconfirmed-01").query().isVisible());
        assertThat(audit()).contains("admit_refused:null", "admit:nurse.kim", "patient_confirmed:emr-match");
    }

    @Test
    void chartedVitalsWithOneValueChangedArriveInTheEmrAsAConformantBundle() throws Exception {
        emr = FhirTestServer.start();
        String anna = emr.seedPatient(null, "MRN-3003", "Cy", "Dahl", LocalDate.of(1970, 6, 1));
        start();
        logIn();
        Patient p = admitFromEmr("01", "MRN-3003");
        numerics("01", "/min", 72);

        robot.clickOn(tile("01"));
        robot.type(KeyCode.C);
        awaitShown("#chart-value-MDC_ECG_HEART_RATE");
        assertThat(robot.lookup("#chart-value-MDC_ECG_HEART_RATE").queryAs(TextField.class).getText()).isEqualTo("72");
        assertThat(robot.lookup("#chart-value-MDC_TEMP_BODY").queryAs(TextField.class).getText()).isEqualTo("36.8");
        typeInto("#chart-value-MDC_ECG_HEART_RATE", "80");
        robot.clickOn("#chart-review");
        await().atMost(Duration.ofSeconds(5)).until(() -> "HR changed from 72 to 80: give a reason".equals(text("#chart-error")));
        assertThat(robot.lookup("#chart-sign").queryAs(Button.class).isDisabled()).isTrue();
        typeInto("#chart-reason-MDC_ECG_HEART_RATE", "counted at the wrist for a minute");
        robot.clickOn("#chart-acvpu");
        robot.clickOn("A · Mentally alert");
        robot.clickOn("#chart-review");
        await().atMost(Duration.ofSeconds(5)).until(() -> text("#chart-summary").contains(
                "HR 80 /min (monitor 72: counted at the wrist for a minute)"));
        assertThat(text("#chart-summary")).contains("ACVPU A");
        robot.clickOn("#chart-sign");
        awaitGone("#chart-sign");
        await().atMost(Duration.ofSeconds(5)).until(() -> text("#status-message").contains("pending until the EMR accepts it"));

        // in the outbox with the signature, then sent by the worker; the validating server accepted every resource
        List<OutboxEntry> events = station.emrOutbox().forPatient(p.id(), 10);
        assertThat(events).hasSize(1);
        assertThat(audit()).contains("chart:nurse.kim");
        assertThat(awaitDone(p.id()).state()).isEqualTo(OutboxEntry.State.SENT);
        List<Observation> obs = emr.observations();
        Observation hr = obs.stream().filter(o -> o.getCode().getCodingFirstRep().getCode().equals("8867-4"))
                .findFirst().orElseThrow();
        assertThat(hr.getValueQuantity().getValue().doubleValue()).isEqualTo(80.0);
        assertThat(hr.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
        assertThat(hr.getSubject().getReference()).isEqualTo(anna);
        assertThat(hr.getPerformerFirstRep().getIdentifier().getValue()).isEqualTo("nurse.kim");
        assertThat(hr.getNoteFirstRep().getText()).contains("72", "80", "counted at the wrist");
        assertThat(obs).anyMatch(o -> o.getCode().getCodingFirstRep().getCode().equals("85354-9")); // the BP panel
        assertThat(obs).anyMatch(o -> o.getCode().getCodingFirstRep().getCode().equals("67775-7")); // ACVPU
        // the status bar: the EMR's state and backlog
        await().atMost(Duration.ofSeconds(5)).until(() -> text("#status-emr").startsWith("EMR: connected, 0 pending"));
    }

    @Test
    void aRefusalIsShownToTheNurseWithTheServersOperationOutcome() throws Exception {
        emr = FhirTestServer.start();
        emr.seedPatient(null, "MRN-4004", "Di", "Ek", LocalDate.of(1980, 2, 3));
        start();
        logIn();
        Patient p = admitFromEmr("01", "MRN-4004");
        // this monitor sends its heart rate in "{beats}/min": valid UCUM, but the R4 heart rate profile fixes "/min"
        numerics("01", "{beats}/min", 75);

        menu("01", "Chart vitals… (C)");
        awaitShown("#chart-review");
        robot.clickOn("#chart-review");
        await().atMost(Duration.ofSeconds(5)).until(() -> !robot.lookup("#chart-sign").queryAs(Button.class).isDisabled());
        robot.clickOn("#chart-sign");
        awaitGone("#chart-sign");
        OutboxEntry refused = awaitDone(p.id());
        assertThat(refused.state()).as("%s", refused).isEqualTo(OutboxEntry.State.REFUSED);

        menu("01", "Charting events…");
        awaitShown("#chart-events");
        @SuppressWarnings("unchecked")
        ListView<ChartingEventsViewModel.Line> list = robot.lookup("#chart-events").queryAs(ListView.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> list.getItems().size() == 1);
        ChartingEventsViewModel.Line line = list.getItems().get(0);
        assertThat(line.state()).isEqualTo("REFUSED");
        assertThat(line.detail()).contains("/min").isEqualTo(station.emrOutbox().forPatient(p.id(), 10).get(0).refusal());
        assertThat(line.text()).contains("signed by nurse.kim");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup(".chart-refused").tryQuery().isPresent());
        assertThat(text("#chart-events-emr")).contains("1 refused");
        await().atMost(Duration.ofSeconds(5)).until(() -> text("#status-emr").equals("EMR: connected, 0 pending, 1 refused"));
    }

    @Test
    void dischargeEndsTheBedsAlarms() throws Exception {
        emr = FhirTestServer.start();
        emr.seedPatient(null, "MRN-5005", "Eli", "Falk", LocalDate.of(1945, 9, 9));
        start();
        logIn();
        admitFromEmr("01", "MRN-5005");
        numerics("01", "/min", 143);
        await().atMost(Duration.ofSeconds(10)).until(() -> hrAlarm() != null);

        try (MqttTestClient other = new MqttTestClient()) { // another station of the ward
            other.connect("tcp://127.0.0.1:" + port);
            other.subscribe("ward/" + ward + "/bed/01/settings", 1);
            menu("01", "Discharge or transfer…");
            awaitShown("#patient-discharge");
            robot.clickOn("#patient-discharge");
            awaitGone("#patient-discharge");
            // the ward learns that bed 01 is back to its defaults: the next patient inherits nothing
            BedSettings reset = settingsOn(other, "01", new Limit(90.0, null));
            assertThat(reset.changedBy()).isEqualTo("nurse.kim");
            assertThat(reset.alarmOff()).isEmpty();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> hrAlarm() == null);
        assertThat(patientIn("01")).isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> "No patient".equals(text(tile("01"), ".bed-patient")));
        assertThat(audit()).contains("discharge:nurse.kim");
    }

    @Test
    void aNurseTransfersAPatientToAnEmptyBedAndTheirHistoryFollowsThem() throws Exception {
        emr = FhirTestServer.start();
        emr.seedPatient(null, "MRN-7007", "Gus", "Holm", LocalDate.of(1958, 3, 14));
        start();
        logIn();
        Patient gus = admitFromEmr("01", "MRN-7007");

        menu("01", "Discharge or transfer…");
        awaitShown("#patient-transfer-target");
        assertThat(robot.lookup("#patient-transfer").queryAs(Button.class).isDisabled()).isTrue();
        @SuppressWarnings("unchecked")
        javafx.scene.control.ChoiceBox<org.vigil.ui.patients.BedPatientViewModel.Target> target =
                robot.lookup("#patient-transfer-target").queryAs(javafx.scene.control.ChoiceBox.class);
        assertThat(target.getItems()).extracting(org.vigil.ui.patients.BedPatientViewModel.Target::bedId)
                .containsExactly("02"); // the empty beds
        robot.interact(() -> target.getSelectionModel().select(0)); // ("Bed 02" is also the tile's label behind)
        robot.clickOn("#patient-transfer");
        awaitGone("#patient-transfer");

        await().atMost(Duration.ofSeconds(5)).until(() -> text(tile("02"), ".bed-patient").startsWith("Gus Holm"));
        assertThat(text(tile("01"), ".bed-patient")).isEqualTo("No patient");
        assertThat(patientIn("02").id()).as("the same patient").isEqualTo(gus.id());
        var stays = new org.vigil.data.store.AdmissionStore(station.database(), "cs-pt").stays(gus.id());
        assertThat(stays).extracting(org.vigil.data.store.AdmissionStore.Stay::bedId).containsExactly("01", "02");
        assertThat(audit()).contains("transfer:nurse.kim");
    }

    @Test
    void aTransferredPatientsAlarmSettingsFollowThemAndTheOldBedReturnsToItsDefaults() throws Exception {
        emr = FhirTestServer.start();
        emr.seedPatient(null, "MRN-7107", "Hal", "Ivers", LocalDate.of(1949, 7, 1));
        start();
        assertThat(station.uiContext().actions().logIn("charge.ana", PASSWORD.toCharArray())
                .get(10, TimeUnit.SECONDS).done()).isTrue();
        Patient hal = admitFromEmr("01", "MRN-7107");

        // the charge nurse lowers bed 01's SpO2 limit to 85 (his usual saturation) and switches the RR alarm off
        var settings = station.alarms().board().settings("01");
        java.util.Map<String, Limit> limits = new java.util.LinkedHashMap<>(settings.limits());
        limits.put(MeasurementCode.SPO2, new Limit(85.0, null));
        assertThat(station.uiContext().actions().setBedSettings("01", new BedSettings("01", settings.category(),
                limits, List.of(MeasurementCode.RESP_RATE), null, null, null)).get(10, TimeUnit.SECONDS).done()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> new Limit(85.0, null)
                .equals(station.alarms().board().settings("01").limit(MeasurementCode.SPO2)));

        try (MqttTestClient other = new MqttTestClient()) { // another station of the ward
            other.connect("tcp://127.0.0.1:" + port);
            other.subscribe("ward/" + ward + "/bed/+/settings", 1);
            assertThat(station.patientService().transfer("01", "02").get(10, TimeUnit.SECONDS).done()).isTrue();
            assertThat(patientIn("02").id()).isEqualTo(hal.id());

            // bed 02 has his settings, bed 01 its category's defaults
            await().atMost(Duration.ofSeconds(5)).until(() -> new Limit(85.0, null)
                    .equals(station.alarms().board().settings("02").limit(MeasurementCode.SPO2)));
            assertThat(station.alarms().board().settings("02").alarmOff()).containsExactly(MeasurementCode.RESP_RATE);
            assertThat(station.alarms().board().settings("02").limit(MeasurementCode.HEART_RATE))
                    .isEqualTo(new Limit(50.0, 120.0));
            await().atMost(Duration.ofSeconds(5)).until(() -> new Limit(90.0, null)
                    .equals(station.alarms().board().settings("01").limit(MeasurementCode.SPO2)));
            assertThat(station.alarms().board().settings("01").alarmOff()).isEmpty();

            // and so does the rest of the ward, from the settings topics
            BedSettings on02 = settingsOn(other, "02", new Limit(85.0, null));
            assertThat(on02.alarmOff()).containsExactly(MeasurementCode.RESP_RATE);
            assertThat(on02.changedBy()).isEqualTo("charge.ana");
            BedSettings on01 = settingsOn(other, "01", new Limit(90.0, null));
            assertThat(on01.alarmOff()).isEmpty();
        }

        // bed 02 alarms at his limit: SpO2 87 is no alarm (it would be at the default 90), 84 is
        numerics("02", "/min", 70, 87);
        clock.advance(Duration.ofSeconds(6));
        numerics("02", "/min", 71, 87);
        clock.advance(Duration.ofSeconds(6));
        numerics("02", "/min", 72, 87);
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS); // a few of the engine's ticks
        assertThat(spo2Alarm("02")).as("SpO2 87 above his limit of 85").isNull();
        numerics("02", "/min", 73, 84);
        clock.advance(Duration.ofSeconds(6));
        numerics("02", "/min", 74, 84);
        clock.advance(Duration.ofSeconds(6));
        numerics("02", "/min", 75, 84);
        await().atMost(Duration.ofSeconds(10)).until(() -> spo2Alarm("02") != null);
        assertThat(spo2Alarm("02").limit()).isEqualTo(85.0);

        // audited with the transfer
        String detail = station.database().query(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT detail FROM audit_log WHERE action = 'transfer' ORDER BY id DESC");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
        assertThat(detail).contains("from bed 01", "alarm settings follow", "SpO2 85..-", "alarm off RR");
    }

    /** The retained settings of {@code bed} carrying this SpO2 limit, as another station of the ward gets them. */
    @Test
    void anAdmissionTellsTheWardThePatientsCategoryAndItsDefaultLimits() throws Exception {
        emr = FhirTestServer.start();
        start();
        logIn();
        try (MqttTestClient other = new MqttTestClient()) { // another station of the ward
            other.connect("tcp://127.0.0.1:" + port);
            other.subscribe("ward/" + ward + "/bed/02/settings", 1);
            assertThat(station.patientsAndCharting().patients().admitByHand("02", "Baby Lind", "MRN-3003",
                    LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(3), PatientCategory.NEONATE)
                    .get(10, TimeUnit.SECONDS).done()).isTrue();
            // every station alarms on the neonate's limits (SpO2 85-98), not an adult's
            BedSettings neonate = settingsOn(other, "02", new Limit(85.0, 98.0));
            assertThat(neonate.category()).isEqualTo(PatientCategory.NEONATE);
            assertThat(neonate.changedBy()).isEqualTo("nurse.kim");
        }
        await().atMost(Duration.ofSeconds(5)).until(() ->
                station.alarms().board().settings("02").category() == PatientCategory.NEONATE);
        numerics("02", "/min", 130, 99);
        await().atMost(Duration.ofSeconds(5)).until(() -> station.alarms().board().forBed("02").stream()
                .anyMatch(a -> a.condition().equals("SPO2_HIGH")));
        assertThat(station.alarms().board().forBed("02")).as("130/min is normal for a neonate")
                .noneMatch(a -> a.condition().equals("HR_HIGH"));
    }

    private static BedSettings settingsOn(MqttTestClient other, String bed, Limit spo2) {
        var m = other.awaitMessage(r -> r.topic().endsWith("/bed/" + bed + "/settings") && r.payload().length > 0
                && WireCodec.decodeSettings(r.payload()) instanceof Decoded.Ok<BedSettings> ok
                && spo2.equals(ok.value().limits().get(MeasurementCode.SPO2)), Duration.ofSeconds(5));
        return ((Decoded.Ok<BedSettings>) WireCodec.decodeSettings(m.payload())).value();
    }

    private Alarm spo2Alarm(String bed) {
        return station.alarms().board().forBed(bed).stream().filter(a -> a.condition().equals("SPO2_LOW"))
                .findFirst().orElse(null);
    }

    @Test
    void aNurseChartsTheMediansOfAMinutePickedInTheTrends() throws Exception {
        emr = FhirTestServer.start();
        emr.seedPatient(null, "MRN-9009", "Ines", "Jarl", LocalDate.of(1972, 8, 30));
        ZoneId zone = ZoneId.systemDefault();
        // last night on the station's clock: admitted at 02:58, the minute charted is 03:00
        Instant three = LocalDate.ofInstant(clock.instant(), zone).minusDays(1).atTime(3, 0).atZone(zone).toInstant();
        clock.set(three.minus(Duration.ofMinutes(2)));
        start();
        logIn();
        Patient ines = admitFromEmr("01", "MRN-9009");

        // the monitor's values in the minute 03:00 (medians: HR 72, SpO2 96), then others at 03:01
        clock.set(three.plusSeconds(10));
        numerics("01", "/min", 70, 95);
        clock.set(three.plusSeconds(30));
        numerics("01", "/min", 72, 96);
        clock.set(three.plusSeconds(50));
        numerics("01", "/min", 90, 99);
        clock.set(three.plusSeconds(80));
        numerics("01", "/min", 101, 93);
        assertThat(station.recorder().flush(Duration.ofSeconds(30))).isTrue(); // the minute 03:00 is aggregated

        // the trends of bed 01: a right-click at 03:00:30 charts that minute
        robot.interact(() -> console.review().openTrends("01"));
        awaitShown("#trends");
        org.vigil.ui.review.TrendsView trends = robot.lookup("#trends").queryAs(org.vigil.ui.review.TrendsView.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> WaitForAsyncUtils.asyncFx(() -> !trends.model().loading().get()
                && !trends.model().trends().get().points(MeasurementCode.HEART_RATE).isEmpty()).get());
        javafx.geometry.Point2D at = WaitForAsyncUtils.asyncFx(() -> trends.screenPointAt(three.plusSeconds(30))).get();
        robot.clickOn(at, MouseButton.SECONDARY);
        String hhmm = java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(three.atZone(zone));
        robot.clickOn("Chart vitals at " + hhmm + "…");

        // the dialog shows the minute's medians, not the monitor's current values
        awaitShown("#chart-review");
        await().atMost(Duration.ofSeconds(10)).until(() -> ("Median of the minute " + hhmm + " (trends)")
                .equals(text("#chart-source")));
        assertThat(robot.lookup("#chart-value-MDC_ECG_HEART_RATE").queryAs(TextField.class).getText()).isEqualTo("72");
        assertThat(robot.lookup("#chart-value-MDC_PULS_OXIM_SAT_O2").queryAs(TextField.class).getText()).isEqualTo("96");
        assertThat(robot.lookup("#chart-minute").queryAs(TextField.class).getText()).isEqualTo(hhmm);
        robot.clickOn("#chart-review");
        await().atMost(Duration.ofSeconds(5)).until(() -> !robot.lookup("#chart-sign").queryAs(Button.class).isDisabled());
        assertThat(text("#chart-summary")).startsWith("At " + hhmm + ":00: HR 72 /min, SpO2 96 %");
        robot.clickOn("#chart-sign");
        awaitGone("#chart-sign");

        // in the EMR: the medians, effective at 03:00
        assertThat(awaitDone(ines.id()).state()).isEqualTo(OutboxEntry.State.SENT);
        List<Observation> obs = emr.observations();
        Observation hr = obs.stream().filter(o -> o.getCode().getCodingFirstRep().getCode().equals("8867-4"))
                .findFirst().orElseThrow();
        assertThat(hr.getValueQuantity().getValue().doubleValue()).isEqualTo(72.0);
        assertThat(hr.getEffectiveDateTimeType().getValue().toInstant()).isEqualTo(three);
        Observation spo2 = obs.stream().filter(o -> o.getCode().getCoding().stream()
                        .anyMatch(c -> "2708-6".equals(c.getCode())))
                .findFirst().orElseThrow();
        assertThat(spo2.getValueQuantity().getValue().doubleValue()).isEqualTo(96.0);
        assertThat(spo2.getEffectiveDateTimeType().getValue().toInstant()).isEqualTo(three);
    }

    private Alarm hrAlarm() {
        return station.alarms().board().forBed("01").stream().filter(a -> a.condition().equals("HR_HIGH"))
                .findFirst().orElse(null);
    }

    @Test
    void aNurseMustConfirmAnEmrTransferOfABedWithLiveData() throws Exception {
        emr = FhirTestServer.start();
        String fia = emr.seedPatient(null, "MRN-6006", "Fia", "Gran", LocalDate.of(1990, 12, 24));
        start();
        String bed1 = emr.seedBedLocation(ward, "01");
        String bed2 = emr.seedBedLocation(ward, "02");
        var sync = station.patientsAndCharting().sync();
        await().atMost(Duration.ofSeconds(10)).until(() -> sync.lastPoll() != null); // the start's own poll

        // the EMR places Fia in bed 01, which is empty: admitted without asking anyone
        String encounter = emr.seedEncounter(fia, bed1);
        sync.pollOnce();
        await().atMost(Duration.ofSeconds(10)).until(() -> patientIn("01") != null);
        assertThat(patientIn("01").name()).isEqualTo("Fia Gran");
        assertThat(patientIn("01").confirmed()).isTrue();
        assertThat(audit()).contains("admit:emr-sync");

        // bed 01 has live data: the EMR's transfer to bed 02 waits for a nurse
        numerics("01", "/min", 70);
        emr.moveEncounter(encounter, bed2);
        sync.pollOnce();
        awaitShown("#emr-proposal-confirm-0");
        Label proposal = robot.lookup(".emr-proposal-text").queryAs(Label.class);
        assertThat(proposal.getText()).startsWith("EMR transfers Fia Gran (MRN MRN-6006) from bed 01 to bed 02");
        assertThat(patientIn("01")).isNotNull();
        assertThat(patientIn("02")).isNull();

        robot.clickOn("#emr-proposal-confirm-0");
        await().atMost(Duration.ofSeconds(5)).until(() -> "Log in to confirm the EMR's admission change"
                .equals(text("#status-message")));
        assertThat(patientIn("01")).isNotNull();

        logIn();
        robot.clickOn("#emr-proposal-confirm-0");
        await().atMost(Duration.ofSeconds(10)).until(() -> patientIn("02") != null);
        assertThat(patientIn("01")).isNull();
        assertThat(patientIn("02").name()).isEqualTo("Fia Gran");
        awaitGone("#emr-proposal-confirm-0");
        assertThat(audit()).contains("emr_change_confirmed:nurse.kim", "transfer:nurse.kim");
        // the next poll finds the station matching the EMR: nothing more to do
        assertThat(sync.pollOnce()).isEmpty();
    }
}
