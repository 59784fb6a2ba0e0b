package dev.layerwise.examples;

/**
 * The code samples of the user guide ({@code docs/*.md}) live in one {@code *Snippets} class per page, verbatim
 * between {@code // region NAME} and {@code // endregion NAME}:
 *
 * <ul>
 *   <li>{@link ActivationSnippets}: {@code activations.md}
 *   <li>{@link InitializerSnippets}: {@code initializers.md}
 *   <li>{@link NormalizationSnippets}: {@code normalization-and-dropout.md}
 *   <li>{@link RegularizationSnippets}: {@code regularization.md}
 *   <li>{@link ConvolutionSnippets}: {@code convolution.md}
 *   <li>{@link OptimizerSnippets}: {@code optimizers.md}
 *   <li>{@link ServingSnippets}: {@code serving.md}
 *   <li>{@link ReliabilitySnippets}: {@code reliability.md}
 *   <li>{@link TrainingSnippets}: {@code training.md}
 *   <li>{@link FunctionalSnippets}: {@code functional.md}
 *   <li>{@link OpenModelSnippets}: {@code open-models.md}
 *   <li>{@link CallbackSnippets}: {@code training.md} (callbacks, resuming)
 *   <li>{@link DataSnippets}: {@code data.md}
 *   <li>{@link PreprocessingSnippets}: {@code preprocessing-and-augmentation.md}
 *   <li>{@link AugmentationSnippets}: {@code preprocessing-and-augmentation.md}, its augmentation section
 * </ul>
 *
 * <p>{@code DocSnippetsTest} reads the regions of every {@code *Snippets.java} file of this package (a region name
 * may appear only once among them) and checks that every {@code java} block of the guide, marked
 * {@code <!-- snippet: NAME -->}, shows exactly the lines of its region, and that every region is shown on some
 * page; each page's {@code *SnippetsTest} builds or runs its samples, so the guide cannot drift from the api. A new
 * page's samples go in a new {@code XxxSnippets.java}, and the page itself in the guide's page list of the tests
 * ({@code GuidePages.PAGES}).
 */
public final class DocSnippets {
  private DocSnippets() {}
}
