package org.vigil.data.recording;

/**
 * Told when recording stops (the database cannot be written: disk full, database down) and when it resumes by
 * itself. Called on the recorder's writer thread: hand off, never block.
 */
public interface RecordingListener {

    /** Recording stopped; {@code reason} is short and for the nurse ("disk full", "database unavailable"). */
    void recordingStopped(String reason);

    /** The backlog kept in memory was written; recording goes on. */
    void recordingResumed();

    RecordingListener NONE = new RecordingListener() {
        @Override
        public void recordingStopped(String reason) {
        }

        @Override
        public void recordingResumed() {
        }
    };
}
