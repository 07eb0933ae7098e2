package org.vigil.data.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleTest {
    static Set<Permission> allowed(Role r) {
        Set<Permission> s = EnumSet.noneOf(Permission.class);
        for (Permission p : Permission.values()) {
            if (r.may(p)) {
                s.add(p);
            }
        }
        return s;
    }

    @Test
    void thePermissionMatrix() {
        assertThat(allowed(Role.NURSE)).containsExactlyInAnyOrder(Permission.ACKNOWLEDGE_BED_ALARM,
                Permission.PAUSE_BED_AUDIO, Permission.ADMIT_PATIENT, Permission.CHART_VITALS);
        assertThat(allowed(Role.CHARGE_NURSE)).containsExactlyInAnyOrder(Permission.ACKNOWLEDGE_BED_ALARM,
                Permission.PAUSE_BED_AUDIO, Permission.PAUSE_WARD_AUDIO, Permission.SWITCH_ALARM_OFF,
                Permission.CHANGE_LIMITS, Permission.SET_ALARM_VOLUME, Permission.ADMIT_PATIENT,
                Permission.CHART_VITALS);
        assertThat(allowed(Role.ADMIN)).containsExactlyInAnyOrder(Permission.values());
    }

    @Test
    void aDisabledUserMayNothing() {
        assertThat(new User(1, "a", "A", Role.ADMIN, false).may(Permission.MANAGE_USERS)).isTrue();
        for (Permission p : Permission.values()) {
            assertThat(new User(1, "a", "A", Role.ADMIN, true).may(p)).isFalse();
        }
    }

    @Test
    void wireNames() {
        assertThat(Role.CHARGE_NURSE.wireName()).isEqualTo("charge_nurse");
        for (Role r : Role.values()) {
            assertThat(Role.fromWire(r.wireName())).isSameAs(r);
        }
        assertThatThrownBy(() -> Role.fromWire("doctor")).hasMessageContaining("doctor");
        assertThat(Role.ADMIN.atLeast(Role.CHARGE_NURSE)).isTrue();
        assertThat(Role.NURSE.atLeast(Role.CHARGE_NURSE)).isFalse();
    }
}
