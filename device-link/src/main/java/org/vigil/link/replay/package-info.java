/**
 * Replay of real recordings as ward beds ({@code vigil sim --replay}): readers of WFDB records (header, format
 * 212 and 16 signals, MIT annotations) and of the BIDMC CSV release ({@link org.vigil.link.replay.WfdbHeader},
 * {@link org.vigil.link.replay.WfdbSignals}, {@link org.vigil.link.replay.MitAnnotations},
 * {@link org.vigil.link.replay.BidmcCsv}), a loaded {@link org.vigil.link.replay.Recording}, and
 * {@link org.vigil.link.replay.ReplayPublisher}, which publishes each recording as one bedside device.
 *
 * <p>The recordings themselves (PhysioNet, ODC-By 1.0) are never part of the repository: they are read from
 * where the user keeps them ({@code ../shared/data} for the tests). Whoever shows or publishes replayed data
 * must cite PhysioNet (Goldberger AL, et al., Circulation 101(23):e215-e220, 2000) and the database used:
 * MIT-BIH Arrhythmia (Moody and Mark 2001), MIT-BIH Malignant Ventricular Ectopy (Greenwald 1986), BIDMC PPG
 * and Respiration (Pimentel et al. 2016).
 */
package org.vigil.link.replay;
