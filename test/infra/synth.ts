import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { expect } from 'vitest';
import { addFoerdertracker, type FoerdertrackerOptions } from '../../infra/foerdertracker.ts';

/** The resources these tests inspect all have properties. */
export type Resource = { Type: string; Properties: Record<string, unknown>; [key: string]: unknown };
export type Statement = {
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
  Effect?: string;
};

const outdirs: string[] = [];

/** An app as `cdk synth` builds it, minus esbuild: these tests look at templates, not bundles. */
export function synthesizedApp(options: FoerdertrackerOptions = {}) {
  const outdir = mkdtempSync(join(tmpdir(), 'foerdertracker-cdk-'));
  outdirs.push(outdir);
  const app = new App({ outdir, postCliContext: { 'aws:cdk:bundling-stacks': [] } });
  return { app, ...addFoerdertracker(app, options) };
}

/**
 * The app's two stacks with their templates. Making the templates runs the cdk-nag plugins:
 * an unacknowledged finding throws here.
 */
export function synthesizedTemplates(options: FoerdertrackerOptions = {}) {
  const { app, data, api } = synthesizedApp(options);
  return {
    app,
    dataStack: data,
    apiStack: api,
    data: Template.fromStack(data),
    api: Template.fromStack(api),
  };
}

export function removeSynthesized(): void {
  for (const outdir of outdirs.splice(0)) rmSync(outdir, { recursive: true, force: true });
}

/** Every resource of a type in a template. */
export function resourcesOf(template: Template, type: string): Resource[] {
  return Object.values(template.findResources(type)) as Resource[];
}

export function onlyResource(template: Template, type: string): Resource {
  const resources = resourcesOf(template, type);
  expect(resources).toHaveLength(1);
  return resources[0]!;
}

/** The template resource of a construct (its default child). */
export function resourceOf(stack: Stack, template: Template, construct: IConstruct): Resource {
  const logicalId = stack.getLogicalId(construct.node.defaultChild as never);
  const resource = template.toJSON().Resources[logicalId] as Resource | undefined;
  expect(resource, logicalId).toBeDefined();
  return resource!;
}

/** Every IAM policy statement in a template, or only those of the policies attached to one role. */
export function policyStatements(template: Template, roleLogicalId?: string): Statement[] {
  return resourcesOf(template, 'AWS::IAM::Policy')
    .filter(
      (policy) =>
        roleLogicalId === undefined ||
        JSON.stringify(policy.Properties.Roles).includes(`"Ref":"${roleLogicalId}"`),
    )
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

/** The logical id of a function's execution role. */
function roleLogicalIdOf(template: Template, fn: Resource): string {
  const role = fn.Properties.Role as { 'Fn::GetAtt': [string, string] };
  expect(template.toJSON().Resources[role['Fn::GetAtt'][0]]).toBeDefined();
  return role['Fn::GetAtt'][0];
}

/** The IAM policy statements of a function's execution role. */
export function roleStatementsOf(template: Template, fn: Resource): Statement[] {
  return policyStatements(template, roleLogicalIdOf(template, fn));
}

/** The statements with an action of a service, by its prefix (`'s3:'`). */
export function withAction(statements: Statement[], prefix: string): Statement[] {
  return statements.filter((statement) =>
    [statement.Action].flat().some((action) => action.startsWith(prefix)),
  );
}

/** A function's environment variables. */
export function environmentOf(fn: Resource): Record<string, unknown> {
  return (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
}
