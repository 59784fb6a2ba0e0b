package dev.layerwise.layers;

/**
 * One method per core layer record. Backends implement it to lower ({@code Tf…}) or evaluate ({@code Ref…}) a
 * layer; because {@link Layer} is sealed and every record dispatches here, a new layer fails to compile in every
 * backend until each one handles it.
 *
 * @param <C> what the backend passes along (its graph builder, the node being compiled, ...)
 * @param <R> what it builds
 */
public interface LayerVisitor<C, R> {
  R visitInput(Input layer, C context);

  R visitDense(Dense layer, C context);

  R visitActivation(Activation layer, C context);

  R visitFlatten(Flatten layer, C context);

  R visitLeakyReLU(LeakyReLU layer, C context);

  R visitPReLU(PReLU layer, C context);

  R visitELU(ELU layer, C context);

  R visitSoftmax(Softmax layer, C context);

  R visitMaxout(Maxout layer, C context);

  R visitHardmax(Hardmax layer, C context);

  R visitDropout(Dropout layer, C context);

  R visitBatchNormalization(BatchNormalization layer, C context);

  R visitConv2D(Conv2D layer, C context);

  R visitMaxPooling2D(MaxPooling2D layer, C context);

  R visitAveragePooling2D(AveragePooling2D layer, C context);

  R visitGlobalAveragePooling2D(GlobalAveragePooling2D layer, C context);

  R visitReshape(Reshape layer, C context);

  R visitRescaling(Rescaling layer, C context);

  R visitNormalization(Normalization layer, C context);

  R visitCenterCrop(CenterCrop layer, C context);

  R visitResizing(Resizing layer, C context);

  /** RandomFlip: a training pass flips by the fed flags, inference passes through. */
  R visitRandomFlip(RandomFlip layer, C context);

  /** RandomTranslation: a training pass shifts by the fed fractions. */
  R visitRandomTranslation(RandomTranslation layer, C context);

  /** RandomCrop: a training pass pads and crops at the fed offsets, inference crops the centre. */
  R visitRandomCrop(RandomCrop layer, C context);

  /** RandomContrast: a training pass scales contrast by the fed factors. */
  R visitRandomContrast(RandomContrast layer, C context);

  R visitRandomRotation(RandomRotation layer, C context);

  R visitRandomZoom(RandomZoom layer, C context);

  R visitAdd(Add layer, C context);

  R visitSubtract(Subtract layer, C context);

  R visitMultiply(Multiply layer, C context);

  R visitAverage(Average layer, C context);

  R visitMaximum(Maximum layer, C context);

  R visitMinimum(Minimum layer, C context);

  R visitConcatenate(Concatenate layer, C context);
}
