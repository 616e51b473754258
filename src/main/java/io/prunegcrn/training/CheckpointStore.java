package io.prunegcrn.training;

import java.util.Optional;

/** Where a run keeps its last checkpoint. Implementations write atomically: a crash leaves the old one whole. */
public interface CheckpointStore {

    CheckpointStore NONE = new CheckpointStore() {
        @Override
        public Optional<TrainingCheckpoint> load() {
            return Optional.empty();
        }

        @Override
        public void save(TrainingCheckpoint checkpoint) {
        }
    };

    Optional<TrainingCheckpoint> load();

    void save(TrainingCheckpoint checkpoint);
}
