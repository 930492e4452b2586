// iproute2's output layer (lib/json_writer.c and lib/json_print.c): every show command prints
// each field once, either to the text it writes by default or to the JSON of `-j` (`-p` to
// indent it). Show code written against `Printer` gets both from one description, in the
// order iproute2 emits them.

/** lib/json_writer.c: compact or pretty JSON with iproute2's spacing */
class JsonWriter {
  private out = '';
  private depth = 0;
  private sep = '';
  constructor(private readonly pretty: boolean) {}

  private eol(): void {
    if (!this.pretty) return;
    this.out += `\n${'    '.repeat(this.depth)}`;
  }
  private eor(): void {
    if (this.sep) this.out += this.sep;
    this.sep = ',';
  }
  private begin(c: string): void {
    this.eor();
    this.out += c;
    this.depth++;
    this.sep = '';
  }
  private end(c: string): void {
    this.depth--;
    if (this.sep) this.eol();
    this.out += c;
    this.sep = ',';
  }
  name(n: string): void {
    this.eor();
    this.eol();
    this.sep = '';
    this.out += `${JSON.stringify(n)}:${this.pretty ? ' ' : ''}`;
  }
  value(v: string | number | boolean | null): void {
    this.eor();
    this.out += typeof v === 'string' ? JSON.stringify(v) : String(v);
  }
  startObject(): void {
    this.begin('{');
  }
  endObject(): void {
    this.end('}');
  }
  startArray(): void {
    this.begin('[');
    if (this.pretty) this.out += ' ';
  }
  endArray(): void {
    if (this.pretty && this.sep) this.out += ' ';
    this.sep = '';
    this.end(']');
  }
  finish(): string {
    return `${this.out}\n`;
  }
}

export interface PrintOptions {
  /** -j */
  readonly json?: boolean;
  /** -p */
  readonly pretty?: boolean;
  /** -o: newlines inside one object are printed as a backslash */
  readonly oneline?: boolean;
}

type Scalar = string | number | boolean | null;

/** the print_* functions of lib/json_print.c: PRINT_ANY (`any`), PRINT_FP (`text`), PRINT_JSON (`json`) */
export class Printer {
  readonly isJson: boolean;
  private text = '';
  private readonly jw: JsonWriter | null;
  private readonly sl: string;

  constructor(opts: PrintOptions = {}) {
    this.isJson = opts.json === true;
    this.jw = this.isJson ? new JsonWriter(opts.pretty === true) : null;
    this.jw?.startArray();
    this.sl = opts.oneline ? '\\' : '\n';
  }

  /** a field in both outputs: `fmt` with `%s` standing for the value */
  any(key: string, fmt: string, v: Scalar): void {
    if (this.jw) {
      this.jw.name(key);
      this.jw.value(v);
    } else this.text += fmt.replace('%s', String(v));
  }
  /** text only */
  fp(s: string): void {
    if (!this.jw) this.text += s;
  }
  /** JSON only */
  json(key: string, v: Scalar): void {
    if (!this.jw) return;
    this.jw.name(key);
    this.jw.value(v);
  }
  /** an element of the current JSON array (in text, `fmt`) */
  item(fmt: string, v: Scalar): void {
    if (this.jw) this.jw.value(v);
    else this.text += fmt.replace('%s', String(v));
  }
  /** print_nl: a line break inside one object (`\` with -oneline) */
  nl(): void {
    this.fp(this.sl);
  }
  /** the end of one printed object: always a real newline */
  eol(): void {
    this.fp('\n');
  }
  open(key?: string): void {
    if (!this.jw) return;
    if (key !== undefined) this.jw.name(key);
    this.jw.startObject();
  }
  close(): void {
    this.jw?.endObject();
  }
  openArray(key: string): void {
    if (!this.jw) return;
    this.jw.name(key);
    this.jw.startArray();
  }
  closeArray(): void {
    this.jw?.endArray();
  }
  /** everything printed; in JSON the closing bracket and newline */
  done(): string {
    if (!this.jw) return this.text;
    this.jw.endArray();
    return this.jw.finish();
  }
}
