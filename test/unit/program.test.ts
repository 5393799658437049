import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/domain/errors.ts';
import {
  applyProgramPatch,
  createProgramSchema,
  SOZIALSTRATEGIE_THUERINGEN,
  updateProgramSchema,
} from '../../shared/domain/program.ts';

describe('funding programmes', () => {
  it('accepts the Sozialstrategierichtlinie as seeded', () => {
    expect(createProgramSchema.safeParse(SOZIALSTRATEGIE_THUERINGEN).success).toBe(true);
  });

  it('requires source shares and own share to add up to 100 %', () => {
    const result = createProgramSchema.safeParse({
      ...SOZIALSTRATEGIE_THUERINGEN,
      ownShareBasisPoints: 1000,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['sources']);
  });

  it('refuses the same source twice', () => {
    const result = createProgramSchema.safeParse({
      ...SOZIALSTRATEGIE_THUERINGEN,
      sources: [
        { source: 'land', shareBasisPoints: 4000 },
        { source: 'land', shareBasisPoints: 4000 },
      ],
    });
    expect(result.success).toBe(false);
  });

  it('refuses unknown fields', () => {
    expect(createProgramSchema.safeParse({ ...SOZIALSTRATEGIE_THUERINGEN, id: 'x' }).success).toBe(false);
  });

  it('refuses an interim due day that not every year has', () => {
    const result = createProgramSchema.safeParse({
      ...SOZIALSTRATEGIE_THUERINGEN,
      interimReportDue: { month: 2, day: 29 },
    });
    expect(result.success).toBe(false);
  });

  it('keeps the flat rate as an exact decimal string', () => {
    expect(
      createProgramSchema.safeParse({ ...SOZIALSTRATEGIE_THUERINGEN, socialContributionFlatRate: 19.975 })
        .success,
    ).toBe(false);
  });

  it('refuses an empty patch', () => {
    expect(updateProgramSchema.safeParse({}).success).toBe(false);
  });

  it('re-checks whole-programme rules after a patch', () => {
    const fields = createProgramSchema.parse(SOZIALSTRATEGIE_THUERINGEN);
    expect(() => applyProgramPatch(fields, { ownShareBasisPoints: 3000 })).toThrow(AppError);
    expect(applyProgramPatch(fields, { name: 'Neu' }).name).toBe('Neu');
  });
});
