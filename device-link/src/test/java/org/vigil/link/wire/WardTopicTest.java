package org.vigil.link.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WardTopicTest {

    @Test
    void everyTopicOfTheContractParsesAndBuildsBack() {
        assertThat(WardTopic.parse("ward/icu3/bed/07/numerics")).contains(new WardTopic.Bed("icu3", "07", WardTopic.BedFeed.NUMERICS));
        assertThat(WardTopic.parse("ward/icu3/bed/07/wave")).contains(new WardTopic.Bed("icu3", "07", WardTopic.BedFeed.WAVE));
        assertThat(WardTopic.parse("ward/icu3/bed/07/status")).contains(new WardTopic.Bed("icu3", "07", WardTopic.BedFeed.STATUS));
        assertThat(WardTopic.parse("ward/icu3/bed/07/event")).contains(new WardTopic.Bed("icu3", "07", WardTopic.BedFeed.EVENT));
        assertThat(WardTopic.parse("ward/icu3/bed/07/settings")).contains(new WardTopic.Bed("icu3", "07", WardTopic.BedFeed.SETTINGS));
        assertThat(WardTopic.parse("ward/icu3/alarm/07/07-HR_HIGH-1795496401000"))
                .contains(new WardTopic.Alarm("icu3", "07", "07-HR_HIGH-1795496401000"));
        assertThat(WardTopic.parse("ward/icu3/audio-pause")).contains(new WardTopic.AudioPause("icu3"));
        assertThat(WardTopic.parse("ward/icu3/station/cs-1/health")).contains(new WardTopic.Health("icu3", "cs-1"));
        assertThat(WardTopic.bed("icu3", "07", WardTopic.BedFeed.WAVE)).isEqualTo("ward/icu3/bed/07/wave");
        assertThat(WardTopic.alarm("icu3", "07", "a")).isEqualTo("ward/icu3/alarm/07/a");
        assertThat(WardTopic.health("icu3", "cs-1")).isEqualTo("ward/icu3/station/cs-1/health");
        assertThat(WardTopic.audioPause("icu3")).isEqualTo("ward/icu3/audio-pause");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ward/icu3/bed/07", "ward/icu3/bed/07/numerics/extra", "ward/icu3/bed/07/bogus",
            "ward/icu3", "hospital/icu3/bed/07/wave", "ward/icu 3/bed/07/wave", "ward/icu3/bed//wave",
            "ward/icu3/station/cs-1/status", "ward/icu3/audio-pause/x", ""})
    void topicsThatDoNotParse(String topic) {
        assertThat(WardTopic.parse(topic)).isEmpty();
    }
}
