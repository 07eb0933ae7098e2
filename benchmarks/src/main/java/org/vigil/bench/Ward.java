package org.vigil.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.vigil.data.model.Bed;
import org.vigil.data.model.NumericValue;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.Wave;
import org.vigil.data.model.WaveChannel;
import org.vigil.link.sim.SimulatedFeed;
import org.vigil.link.wire.WardTopic;
import org.vigil.link.wire.WireCodec;

/**
 * The benchmark ward: its id, its configured beds, and endless live-like message streams as the ward simulator
 * makes them. The station checks that {@code seq} counts up by one and that device time advances (flood guard,
 * late backlog), so a stream never replays a message: it synthesizes one cycle of the simulator's records once,
 * then hands out that cycle again and again with {@code seq} and every time shifted by whole cycles (the signals
 * repeat exactly, and sample times stay continuous from one cycle to the next), encoded afresh with
 * {@link WireCodec}, in batches of one cycle, outside any timed region.
 */
final class Ward {
    static final String ID = "bench";

    /** A message ready to dispatch or publish; {@code count} is its samples (wave) or values (numerics). */
    record Message(String topic, byte[] payload, int count) {
    }

    /** An endless stream of messages of every bed, in arrival order, one cycle per batch. */
    interface Source {
        Message[] next();
    }

    private Ward() {
    }

    /** Beds "01".."NN" (three digits from 100), as the simulator names them, configured. */
    static List<Bed> beds(int n) {
        List<Bed> beds = new ArrayList<>(n);
        for (SimulatedFeed f : SimulatedFeed.ward(ID, n, Instant.EPOCH)) {
            beds.add(new Bed(f.bedId(), "Bed " + f.bedId(), true));
        }
        return beds;
    }

    /**
     * Wave messages of {@code periodMillis} for {@code beds} beds, interleaved bed by bed; one cycle is
     * {@code periods} messages per bed. The cycle must hold a whole number of samples of every channel (10 s does).
     */
    static Source waves(int beds, int periods, long periodMillis, Instant start) {
        List<SimulatedFeed> feeds = SimulatedFeed.ward(ID, beds, start);
        List<Wave> cycle = new ArrayList<>(beds * periods);
        List<String> topics = new ArrayList<>(beds * periods);
        for (int k = 1; k <= periods; k++) {
            Instant t = start.plusMillis(k * periodMillis);
            for (SimulatedFeed f : feeds) {
                cycle.add(f.wave(t));
                topics.add(WardTopic.bed(ID, f.bedId(), WardTopic.BedFeed.WAVE));
            }
        }
        long cycleMillis = periods * periodMillis;
        return new Source() {
            private int c;

            @Override
            public Message[] next() {
                long shift = cycleMillis * c;
                long seqShift = (long) periods * c;
                c++;
                Message[] out = new Message[cycle.size()];
                for (int i = 0; i < out.length; i++) {
                    Wave w = cycle.get(i);
                    List<WaveChannel> channels = new ArrayList<>(w.channels().size());
                    int samples = 0;
                    for (WaveChannel ch : w.channels()) {
                        channels.add(new WaveChannel(ch.code(), ch.rate(), ch.unit(), ch.scale(), ch.offset(), ch.samples(),
                                ch.t0().plusMillis(shift)));
                        samples += ch.samples().length;
                    }
                    Wave shifted = new Wave(w.device(), w.seq() + seqShift, w.t0().plusMillis(shift), channels);
                    out[i] = new Message(topics.get(i), WireCodec.encode(shifted), samples);
                }
                return out;
            }
        };
    }

    /** Numerics of {@code beds} beds, one a second each; one cycle is {@code seconds} messages per bed. */
    static Source numerics(int beds, int seconds, Instant start) {
        List<SimulatedFeed> feeds = SimulatedFeed.ward(ID, beds, start);
        List<Numerics> cycle = new ArrayList<>(beds * seconds);
        List<String> topics = new ArrayList<>(beds * seconds);
        for (int k = 0; k < seconds; k++) {
            Instant t = start.plusSeconds(k);
            for (SimulatedFeed f : feeds) {
                cycle.add(f.numerics(t));
                topics.add(WardTopic.bed(ID, f.bedId(), WardTopic.BedFeed.NUMERICS));
            }
        }
        return new Source() {
            private int c;

            @Override
            public Message[] next() {
                long shift = (long) seconds * c;
                c++;
                Message[] out = new Message[cycle.size()];
                for (int i = 0; i < out.length; i++) {
                    Numerics n = cycle.get(i);
                    List<NumericValue> values = new ArrayList<>(n.values().size());
                    for (NumericValue v : n.values()) {
                        values.add(new NumericValue(v.code(), v.value(), v.unit(), v.time().plusSeconds(shift), v.invalid()));
                    }
                    Numerics shifted = new Numerics(n.device(), n.time().plusSeconds(shift), n.seq() + shift, values);
                    out[i] = new Message(topics.get(i), WireCodec.encode(shifted), values.size());
                }
                return out;
            }
        };
    }
}
