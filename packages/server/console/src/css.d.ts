/** A stylesheet imported as its text (the console's rollup config turns `.css` imports into strings). */
declare module '*.css' {
  const text: string;
  export default text;
}
