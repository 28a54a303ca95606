import type { CompiledConstraint } from './run-constraints';

/**
 * The constraints a generated one-pass function (the body validator, the response writer)
 * calls, each from its own call site: a site that only ever sees one check can inline it,
 * where a loop over all of a field's constraints sees every kind and inlines none. The
 * generated source reaches them as `P[n](value, A[n])` and needs `i` and `F` in scope.
 */
export class ConstraintSites {
  readonly passes: CompiledConstraint['passes'][] = [];
  readonly args: CompiledConstraint['args'][] = [];

  /**
   * Source that runs `constraint` on the value in `valueVar` with the arguments
   * runConstraints gives it (the raw object in `objectVar`; the value, or each item of a list
   * for an `each` constraint), returning F when it fails. `alwaysList`: the value is known to
   * be an array here, so an `each` constraint needs no check for one.
   */
  source(constraint: Pick<CompiledConstraint, 'description' | 'args' | 'passes'>, valueVar: string, objectVar: string, alwaysList: boolean): string {
    const index = this.passes.push(constraint.passes) - 1;
    this.args.push(constraint.args);
    const args = `A[${index}]`;
    const pass = `P[${index}]`;
    const items = `for (i = 0; i < ${valueVar}.length; i++) { ${args}.value = ${valueVar}[i]; if (!${pass}(${valueVar}[i], ${args})) return F; }`;
    const whole = `${args}.value = ${valueVar}; if (!${pass}(${valueVar}, ${args})) return F;`;
    const run = !constraint.description.each ? whole : alwaysList ? items : `if (Array.isArray(${valueVar})) { ${items} } else { ${whole} }`;
    return ` ${args}.object = ${objectVar}; ${run}`;
  }
}
