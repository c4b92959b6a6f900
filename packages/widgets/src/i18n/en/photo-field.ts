/**
 * English strings of the photo field (`PhotosController`), in the `form` section: the ticket form and the status
 * view's reply box show the same field.
 */
export const photoField = {
  photos: 'Photos',
  photosHint: (max: number) => `Up to ${max} photos (JPEG, PNG, WebP or HEIC), 10 MB each.`,
  photoAlt: (index: number, name: string) => `Photo ${index}: ${name}`,
  removePhoto: (name: string) => `Remove ${name}`,
  remove: 'Remove',
  processingPhotos: 'Preparing photos…',
};
