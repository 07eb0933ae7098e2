/**
 * Recording of trends and full-disclosure waveforms: the batched writer (fed from the MQTT callback by hand-off),
 * the lossless waveform codec, retention, and the read side used by the review views.
 */
package org.vigil.data.recording;
