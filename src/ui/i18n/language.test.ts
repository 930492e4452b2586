import { describe, expect, it } from 'vitest';
import { browserLanguage, chooseLanguage, splitLanguage, withLanguage } from './language.ts';
import { translateByPattern } from './pattern.ts';
import reasons from './reasons.zh-CN.json';

describe('the language a page opens in', () => {
  it('a Chinese browser (any zh variant, first among its languages) gets zh-CN; any other gets English', () => {
    expect(browserLanguage(['zh-CN', 'en'])).toBe('zh-CN');
    expect(browserLanguage(['zh-TW'])).toBe('zh-CN');
    expect(browserLanguage(['zh'])).toBe('zh-CN');
    expect(browserLanguage(['en-US', 'zh-CN'])).toBe('en');
    expect(browserLanguage(['fr-FR', 'zh-CN'])).toBe('zh-CN');
    expect(browserLanguage(['de-DE'])).toBe('en');
    expect(browserLanguage([])).toBe('en');
  });

  it("the link's language first, then the choice made here, then the browser's", () => {
    expect(chooseLanguage('en', 'zh-CN', ['zh-CN'])).toBe('en');
    expect(chooseLanguage(null, 'en', ['zh-CN'])).toBe('en');
    expect(chooseLanguage(null, 'klingon', ['zh-CN'])).toBe('zh-CN');
    expect(chooseLanguage(null, null, ['en-GB'])).toBe('en');
  });
});

describe('the language in a share link', () => {
  it('is added after the lab and read back without touching the lab', () => {
    const link = withLanguage('#v1.AbC-_9', 'zh-CN');
    expect(link).toBe('#v1.AbC-_9&lang=zh-CN');
    expect(splitLanguage(link)).toEqual({ hash: '#v1.AbC-_9', language: 'zh-CN' });
  });

  it('a link made before languages opens as it always did, in the language the page would choose', () => {
    expect(splitLanguage('#v1.AbC-_9')).toEqual({ hash: '#v1.AbC-_9', language: null });
    expect(splitLanguage('#lesson=veth&step=2')).toEqual({ hash: '#lesson=veth&step=2', language: null });
  });

  it('a lesson link keeps its step beside the language; a link is re-made with one language only', () => {
    expect(splitLanguage('#lesson=veth&step=2&lang=en')).toEqual({ hash: '#lesson=veth&step=2', language: 'en' });
    expect(withLanguage('#lesson=veth&step=2&lang=en', 'zh-CN')).toBe('#lesson=veth&step=2&lang=zh-CN');
  });

  it('an unknown language is dropped from the link and names none', () => {
    expect(splitLanguage('#v1.AbC&lang=xx')).toEqual({ hash: '#v1.AbC', language: null });
  });
});

describe("a drop's reason from the simulated kernel, read in Chinese", () => {
  it('the template that matches carries the values over, and a reason inside a reason is read too', () => {
    expect(translateByPattern(reasons, 'not for this host and net.ipv4.ip_forward is 0 in host')).toBe(
      '数据包不是发给本机的，而 host 中 net.ipv4.ip_forward 为 0（未开启转发）',
    );
    expect(translateByPattern(reasons, 'dropped by rule 1 of FORWARD (filter table)')).toBe('被 FORWARD 链的第 1 条规则丢弃（filter 表）');
  });

  it("a trace event's title keeps the kernel's words and values, its prose read in Chinese", () => {
    expect(translateByPattern(reasons, 'sent to ns2/veth2')).toBe('发往 ns2/veth2');
    expect(translateByPattern(reasons, 'route: 10.0.0.0/24 dev veth1')).toBe('路由：10.0.0.0/24 dev veth1');
  });

  it('a reason no template matches stays as the kernel wrote it', () => {
    expect(translateByPattern(reasons, 'something new the kernel says')).toBe('something new the kernel says');
  });
});

describe("a lesson check's message, read in Chinese", () => {
  it('the values the check filled in are carried into the Chinese, and its reason too', async () => {
    const lessons = (await import('./lessons.zh-CN.json')).default as { _checks: Record<string, string> };
    expect(translateByPattern(lessons._checks, 'The ping from ns1 fails: dropped in ns1.')).toBe(
      '从 ns1 发出的 ping 失败：在 ns1 中被丢弃。',
    );
    expect(translateByPattern(lessons._checks, 'There is no namespace ns2 yet.')).toBe('还没有网络命名空间 ns2。');
  });
});
