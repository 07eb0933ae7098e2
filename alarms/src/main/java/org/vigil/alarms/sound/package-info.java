/**
 * Audible alarm signals after IEC 60601-1-8, synthesised at run time (no audio files).
 *
 * <ul>
 *   <li>{@link org.vigil.alarms.sound.PulseShape} and {@link org.vigil.alarms.sound.BurstPattern}: the signal
 *       as data, validated against the standard's Tables 4 and 3 (the limits enforced are listed there);
 *       {@link org.vigil.alarms.sound.BurstPattern#schedule} lists the pulse onsets of any span.
 *   <li>{@link org.vigil.alarms.sound.AlarmSignalSynth}: 16-bit signed mono PCM at 44.1 kHz;
 *       {@link org.vigil.alarms.sound.AlarmVolume}: volume floor and escalation boost, never clipping.
 *   <li>{@link org.vigil.alarms.sound.AlarmSoundSequencer}: one sound at a time, switching between pulses.
 *   <li>{@link org.vigil.alarms.sound.AlarmSoundPlayer}: the {@code vigil-alarm-sound} thread writing to an
 *       {@link org.vigil.alarms.sound.AudioSink} ({@link org.vigil.alarms.sound.JavaSoundSink} in production),
 *       with {@link org.vigil.alarms.sound.AudioMode} and the "audio unavailable" report and retry.
 * </ul>
 */
package org.vigil.alarms.sound;
