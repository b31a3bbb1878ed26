/** @deprecated Import from `@/workers/job-queue`. This shim only re-exports it. */
export * from '@/workers/job-queue';
