/** Main places the same turns on the audio (calls:audio), so both split the transcript alike. */
export * from '@shared/transcript'
