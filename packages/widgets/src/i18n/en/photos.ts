/**
 * English strings of the ticket form's photos, in its `form` section: why a chosen photo was refused. They come
 * with the image checks (`internal/images.ts`), which say it.
 */
export const photoProblems = {
  fileNotImage: (name: string) => `“${name}” is not a JPEG, PNG, WebP or HEIC image.`,
  fileTooLarge: (name: string) => `“${name}” is larger than 10 MB.`,
};
