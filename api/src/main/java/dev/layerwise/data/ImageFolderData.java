package dev.layerwise.data;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ImageFolderDataset#read()} gives back.
 *
 * @param dataset the images as float32 features of shape {@code [height, width, channels]}, values 0..255, and one
 *     class index per image
 * @param classNames class index → sub-folder name
 * @param files the image file of each sample, in sample order (to find the image behind a wrong prediction)
 */
public record ImageFolderData(Dataset dataset, ClassNames classNames, List<Path> files) {
  public ImageFolderData {
    requireNonNull(dataset, "ImageFolderData: dataset");
    requireNonNull(classNames, "ImageFolderData: classNames");
    files = List.copyOf(files);
  }
}
