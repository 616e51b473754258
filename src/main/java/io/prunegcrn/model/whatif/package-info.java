/**
 * What-if sets: a model's test error when it reads exactly the sensors an operator names (the others switched off),
 * and fine-tuning it on such a set.
 */
package io.prunegcrn.model.whatif;
