import { Stack, Validations } from 'aws-cdk-lib';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges cdk-nag's wildcard finding (AwsSolutions-IAM5) for exactly the given resources.
 * cdk-nag names such a finding after the resource as the template spells it, and a reference
 * to the data stack only becomes text (an Fn::ImportValue of a generated export name) once CDK
 * resolves cross-stack references. Construct validations run after that and before the
 * validation plugins, so the finding ids are computed there, with cdk-nag's own flattening.
 */
export function acknowledgeWildcardResources(scope: IConstruct, resources: string[], reason: string): void {
  scope.node.addValidation({
    validate: () => {
      for (const resource of resources) {
        const finding = flattenCfnReference(Stack.of(scope).resolve(resource));
        Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${finding}]`, reason });
      }
      return [];
    },
  });
}
