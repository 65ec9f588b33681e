export const profileImageMessages: Record<string, string> = {
  'api.user.upload_profile_user.storage.app_error': 'Unable to upload the image: no file storage is configured.',
  'api.user.upload_profile_user.too_large.app_error': 'Unable to upload the profile image: the file is too large.',
  'api.user.upload_profile_user.parse.app_error': 'Could not read the multipart form.',
  'api.user.upload_profile_user.no_file.app_error': 'No file under "image" in the request.',
  'api.user.upload_profile_user.check_image_limits.app_error': 'The file is not an image, or its resolution is above the server limit.',
  'api.user.upload_profile_user.decode.app_error': 'Could not decode the profile image.',
  'api.user.upload_profile_user.upload_profile.app_error': 'Could not store the profile image.',
  'api.file.no_driver.app_error': 'The configured file storage driver is not available.',
};
