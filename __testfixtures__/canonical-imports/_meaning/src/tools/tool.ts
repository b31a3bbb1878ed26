export class Tool {}
export function run(): void {}
export interface ToolOptions {
  name: string;
}
export default class ToolUtils {}
