/** The kit's version, sent in the default `User-Agent` (`silta/<version>`). Keep in step with package.json. */
export const KIT_VERSION = '0.1.0';
