/**
 * Ad hoc runs (`canonize run --transform ./x.js --level info src`): as with jscodeshift, flags canonize does
 * not know become the transform's options, read by jscodeshift's rules (src/argsParser.js in jscodeshift):
 * - `--name=value`, or `--name value` when the next argument is not a flag, gives `name` that value, parsed as
 *   JSON when it is JSON (`--level info` gives `"info"`, `--retries 3` gives `3`, `--moves '[...]'` an array);
 * - `--name` followed by a flag (or by nothing) is `true`, `--no-name` is `false`;
 * - a name given again collects its values into an array;
 * - names are kept as typed (`--dry-run` is `options["dry-run"]`).
 * Pure: no I/O.
 */

/** An argument that is a flag, not a value (as jscodeshift tells them apart). */
export function isFlag(arg: string | undefined): boolean {
  return arg !== undefined && /^--?/.test(arg);
}

/**
 * Splits what yargs left as positionals (with unknown flags kept as arguments, in order) into the paths and
 * the transform's flags. `argv` is the whole argument list, used to see what followed each unknown flag: a
 * value, or a flag canonize knows (then the unknown one is `true`, as in jscodeshift).
 */
export function splitTransformArgs(argv: string[], positionals: string[]): { paths: string[]; flags: string[] } {
  const paths: string[] = [];
  const flags: string[] = [];
  let p = 0;
  for (let k = 0; k < argv.length && p < positionals.length; k++) {
    const arg = argv[k]!;
    if (arg !== positionals[p]) continue;
    p++;
    if (!isFlag(arg)) {
      paths.push(arg);
      continue;
    }
    flags.push(arg);
    const next = argv[k + 1];
    if (!arg.includes('=') && next !== undefined && !isFlag(next) && positionals[p] === next) {
      flags.push(next);
      p++;
      k++;
    }
  }
  return { paths, flags };
}

/** The transform's options from its flags (each flag followed by its value, if it has one). */
export function transformOptions(flags: string[]): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  const set = (name: string, value: unknown) => {
    // A flag given before a value is dropped (jscodeshift: "if the previous value was true, it is discarded").
    if (!Object.hasOwn(options, name) || options[name] === true) options[name] = value;
    else if (Array.isArray(options[name])) (options[name] as unknown[]).push(value);
    else options[name] = [options[name], value];
  };
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i]!;
    const equals = flag.indexOf('=');
    const written = equals >= 0 ? flag.slice(0, equals) : flag;
    const name = written.replace(/^--?(no-)?/, '');
    if (equals >= 0) set(name, parseValue(flag.slice(equals + 1)));
    else if (i + 1 < flags.length && !isFlag(flags[i + 1])) set(name, parseValue(flags[++i]!));
    else if (!Object.hasOwn(options, name)) options[name] = !written.startsWith('--no-');
  }
  return options;
}

/** jscodeshift reads option values as JSON where they are JSON (it kept nomnom's habit). */
function parseValue(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
