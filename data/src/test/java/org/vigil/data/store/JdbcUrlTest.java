package org.vigil.data.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlTest {
    @Test
    void aPostgresPasswordParameterIsTakenOutDecodedAndTheOtherParametersStay() {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://db.icu3:5432/vigil?sslmode=require&password=p%40ss%26w&user=st");
        assertThat(url.isPostgres()).isTrue();
        assertThat(url.password()).isEqualTo("p@ss&w");
        assertThat(url.withoutPassword()).isEqualTo("jdbc:postgresql://db.icu3:5432/vigil?sslmode=require&user=st");
        assertThat(url.toString()).doesNotContain("p%40ss");

        assertThat(JdbcUrl.parse("jdbc:postgresql://h/vigil?PASSWORD=x").withoutPassword())
                .isEqualTo("jdbc:postgresql://h/vigil");
        assertThat(JdbcUrl.parse("jdbc:postgresql://h/vigil").password()).isNull();
    }

    @Test
    void anH2PasswordSettingIsTakenOutToo() {
        JdbcUrl url = JdbcUrl.parse("jdbc:h2:file:/data/vigil;WRITE_DELAY=0;PASSWORD=secret;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(url.isPostgres()).isFalse();
        assertThat(url.password()).isEqualTo("secret");
        assertThat(url.withoutPassword()).isEqualTo("jdbc:h2:file:/data/vigil;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void aPasswordInTheAuthorityIsNeverShown() {
        assertThat(VigilDatabase.redact("jdbc:postgresql://station:secret@db.icu3/vigil?password=other"))
                .isEqualTo("jdbc:postgresql://station:***@db.icu3/vigil");
        assertThat(VigilDatabase.redact("jdbc:postgresql://db.icu3:5432/vigil")).isEqualTo("jdbc:postgresql://db.icu3:5432/vigil");
        assertThat(VigilDatabase.redact("jdbc:postgres://db/vigil?password=Secret&ssl=true"))
                .as("a misspelt scheme too").isEqualTo("jdbc:postgres://db/vigil?ssl=true");
    }
}
