/** Lines of statements, collected eagerly (so runtime imports are known before printing); two spaces a level. */
export class Lines {
  readonly lines: string[] = [];
  private depth = 0;

  line(text: string): void {
    this.lines.push("  ".repeat(this.depth) + text);
  }

  indent(body: () => void): void {
    this.depth++;
    body();
    this.depth--;
  }

  /** `open`, the body one level in, `close`. */
  block(open: string, body: () => void, close = "}"): void {
    this.line(open);
    this.indent(body);
    this.line(close);
  }

  /** An object literal `before{ entries, }after`, one entry a line (`{}` when empty). */
  literal(before: string, entries: readonly string[], after: string): void {
    if (entries.length === 0) {
      this.line(`${before}{}${after}`);
      return;
    }
    this.block(`${before}{`, () => entries.forEach((e) => this.line(`${e},`)), `}${after}`);
  }
}
