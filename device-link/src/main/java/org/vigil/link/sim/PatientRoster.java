package org.vigil.link.sim;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.vigil.data.model.PatientCategory;

/**
 * Invents the simulated ward's patients: plausible names and birth dates, deterministic for a ward id. With 12
 * beds or more, bed index {@value #PAEDIATRIC_INDEX} holds a child and bed index {@value #NEONATE_INDEX} a
 * newborn; everyone else is an adult aged 22 to 91.
 */
final class PatientRoster {

    static final int PAEDIATRIC_INDEX = 6;
    static final int NEONATE_INDEX = 10;
    static final int MIXED_FROM_BEDS = 12;

    private static final String[] FIRST = {
            "Margaret", "Tomas", "Ingrid", "Rafael", "Doreen", "Kwame", "Elsa", "Harold", "Yusuf", "Beatrix",
            "Neil", "Carmen", "Otto", "Priya", "Gordon", "Lucia", "Wendell", "Hana", "Mirela", "Declan",
            "Agnes", "Samir", "Rosalind", "Bertrand", "Folake", "Ivo", "Greta", "Ambrose", "Noor", "Cyril"};
    private static final String[] LAST = {
            "Ellison", "Brennan", "Halvorsen", "Quintero", "Ashcombe", "Mensah", "Lindqvist", "Pemberton",
            "Karaman", "Holloway", "Ferraday", "Velasquez", "Brandvold", "Ramaswamy", "McAllister", "Benedetti",
            "Thornbury", "Okonkwo", "Vasquez", "Whitlock", "Szabo", "Achterberg", "Duchamp", "Fairweather",
            "Gallardo", "Hargreave", "Iversen", "Jablonski", "Kowalczyk", "Lockridge", "Marchetti", "Nakashima"};
    private static final String[] CHILD_FIRST = {"Milo", "Ava", "Jonah", "Isla", "Theo", "Zara"};
    private static final String[] NEONATE_SEX = {"Girl", "Boy"};

    private PatientRoster() {
    }

    /** The beds of a ward of {@code beds} beds, their devices and invented patients; ages relative to {@code today}. */
    static List<SimulatedBed> beds(String ward, int beds, LocalDate today) {
        RandomGenerator g = BedScenario.random(WardSimulator.wardSeed(ward) ^ 0x5DEECE66DL);
        int width = beds > 99 ? 3 : 2;
        List<SimulatedBed> list = new ArrayList<>(beds);
        Set<String> used = new HashSet<>();
        for (int i = 0; i < beds; i++) {
            String bed = String.format("%0" + width + "d", i + 1);
            PatientCategory category = category(i, beds);
            String last;
            do {
                last = LAST[g.nextInt(LAST.length)];
            } while (!used.add(last) && used.size() < LAST.length);
            String name;
            LocalDate birth;
            switch (category) {
                case NEONATE -> {
                    name = "Baby " + NEONATE_SEX[g.nextInt(NEONATE_SEX.length)] + " " + last;
                    birth = today.minusDays(1 + g.nextInt(6));
                }
                case PAEDIATRIC -> {
                    name = CHILD_FIRST[g.nextInt(CHILD_FIRST.length)] + " " + last;
                    birth = today.minusYears(5 + g.nextInt(6)).minusDays(g.nextInt(365));
                }
                default -> {
                    name = FIRST[g.nextInt(FIRST.length)] + " " + last;
                    birth = today.minusYears(22 + g.nextInt(70)).minusDays(g.nextInt(365));
                }
            }
            list.add(new SimulatedBed(bed, "sim-" + ward + "-" + bed, name, birth, category));
        }
        return List.copyOf(list);
    }

    static PatientCategory category(int index, int beds) {
        if (beds >= MIXED_FROM_BEDS && index == PAEDIATRIC_INDEX) {
            return PatientCategory.PAEDIATRIC;
        }
        if (beds >= MIXED_FROM_BEDS && index == NEONATE_INDEX) {
            return PatientCategory.NEONATE;
        }
        return PatientCategory.ADULT;
    }
}
