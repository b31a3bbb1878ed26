/** @deprecated Import from './tool'. */
export * from './tool';
export { default as ToolUtils } from './tool';
