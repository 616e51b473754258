package io.prunegcrn.dataset;

/**
 * Whatever may still need a dataset's readings (the training jobs): asked before an upload is deleted. An interface
 * here, implemented by the job feature, so that datasets do not depend on jobs.
 */
public interface DatasetUsers {

    /** True while something queued or running uses the dataset. */
    boolean usesDataset(String datasetId);
}
