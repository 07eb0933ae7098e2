/**
 * The bedside devices that Vigil plays itself on the ward broker, whatever they publish: the built-in ward
 * simulator ({@link org.vigil.link.sim.WardSimulator}) and the replay of recordings
 * ({@link org.vigil.link.replay.ReplayPublisher}) share them. A {@link org.vigil.link.device.PublishingDevice}
 * is one device with its own MQTT client and last will, publishing and forgetting; a
 * {@link org.vigil.link.device.DeviceFleet} starts a set of them (connecting all, then ticking them on one
 * named thread) and closes them (offline status and clean disconnect within deadlines);
 * {@link org.vigil.link.device.RateLimitedLog} keeps their failures from flooding the log.
 */
package org.vigil.link.device;
