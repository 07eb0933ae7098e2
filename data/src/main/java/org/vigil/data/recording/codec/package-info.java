/**
 * The lossless waveform codec of full disclosure: {@link org.vigil.data.recording.codec.WaveformCodec} turns a run
 * of contiguous samples of one channel into a small self-contained block and back, bit-exact. Pure Java, no
 * dependencies; see docs/decisions/0005-waveform-codec.md for the format and the measured figures.
 */
package org.vigil.data.recording.codec;
