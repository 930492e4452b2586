// The inspector for the selection. Every change is a dialect command run by the core; a
// refusal (the kernel's own message) is shown beside the field that caused it.

import { startCapture } from '../capture/startCapture.ts';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { DeviceSnapshot, NetnsSnapshot } from '../../core/snapshot.ts';
import { useLab, useLabState } from '../LabContext.tsx';
import { ROLES, type Role } from '../doc/document.ts';
import { deriveGraph } from '../graph/derive.ts';
import { DEV_NAME, cidrProblem, deleteDevice, deleteNamespace, findDev, findNs, inNs, ipn, recreate } from '../lab/commands.ts';
import { addNotice } from '../lab/store.ts';
import { loadCatalog, openLesson } from '../lessons/controller.ts';
import { useTranslation } from '../i18n/i18n.ts';
import { useLessonText } from '../lessons/text.ts';

function FieldError({ field }: { field: string }) {
  const e = useLabState((s) => (s.fieldError?.field === field ? s.fieldError.message : null));
  return e ? (
    <div className="field-error" role="alert">
      {e}
    </div>
  ) : null;
}

function useEdit() {
  const lab = useLab();
  return (label: string, lines: string[], field?: string) => lab.edit(label, lines, field ? { field } : {});
}

/** a one-line form: text, a button, the refusal underneath */
function LineForm({
  field,
  label,
  placeholder,
  button,
  check,
  onSubmit,
}: {
  field: string;
  label: string;
  placeholder: string;
  button: string;
  check?: (v: string) => string | null;
  onSubmit: (v: string) => Promise<{ ok: boolean }>;
}) {
  const lab = useLab();
  const [v, setV] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const text = v.trim();
    if (!text) return;
    const problem = check?.(text) ?? null;
    if (problem) {
      lab.store.setState({ fieldError: { field, message: problem } });
      return;
    }
    const r = await onSubmit(text);
    if (r.ok) setV('');
  };
  return (
    <form className="line-form" onSubmit={submit}>
      <input
        aria-label={label}
        placeholder={placeholder}
        value={v}
        onChange={(e) => setV(e.target.value)}
        spellCheck={false}
        autoComplete="off"
      />
      <button type="submit">{button}</button>
      <FieldError field={field} />
    </form>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="insp-section">
      <h3>{title}</h3>
      {children}
    </section>
  );
}

export function Inspector() {
  const selection = useLabState((s) => s.selection);
  const snapshot = useLabState((s) => s.snapshot);
  const meta = useLabState((s) => s.meta);
  if (!selection) return <Overview />;
  if (selection.kind === 'port') {
    const d = findDev(snapshot, selection.ns, selection.dev);
    return d ? <DeviceInspector ns={selection.ns} d={d} /> : <Overview />;
  }
  if (selection.kind === 'edge') return <EdgeInspector id={selection.id} />;
  const n = deriveGraph(snapshot, meta).nodes.find((x) => x.id === selection.id);
  if (!n) return <Overview />;
  if (n.kind === 'bridge') {
    const d = findDev(snapshot, n.ns, n.bridge!.name);
    return d ? <DeviceInspector ns={n.ns} d={d} /> : <Overview />;
  }
  const ns = findNs(snapshot, n.ns);
  return ns ? <NamespaceInspector ns={ns} role={n.role as Role} /> : <Overview />;
}

/** the empty lab's way in: the first lesson, or the list of them */
function StartHere() {
  const lab = useLab();
  const { t } = useTranslation();
  const [first, setFirst] = useState<{ readonly id: string; readonly title: string } | null>(null);
  const firstTitle = useLessonText(first?.id ?? '', 'title', first?.title ?? '');
  const ready = useLabState((s) => s.ready);
  useEffect(() => {
    if (!ready) return;
    let live = true;
    // after the first drawing: the lessons are not part of the first load
    const t = setTimeout(() => void loadCatalog().then((m) => live && setFirst(m.LESSONS[0] ?? null)), 300);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [ready]);
  if (!first) return null;
  const start = () =>
    void openLesson(lab, first.id, 0, true).catch((e: unknown) => lab.store.setState((s) => addNotice(s, 'error', String(e))));
  return (
    <section className="start-here" aria-label={t('start.label')}>
      <h3>{t('start.title')}</h3>
      <p>
        {t('start.follow')} <b>{firstTitle}</b> {t('start.isFirst')} {t('start.build1')} <b>{t('palette.kind.namespace')}</b>{' '}
        {t('start.build2')} <b>+</b> {t('start.build3')}
      </p>
      <div className="row">
        <button type="button" className="primary" onClick={start}>
          {t('start.first')}
        </button>
        <button type="button" onClick={() => lab.store.setState({ panel: 'lessons' })}>
          {t('start.all')}
        </button>
      </div>
    </section>
  );
}

function Overview() {
  const snapshot = useLabState((s) => s.snapshot);
  const named = snapshot.namespaces.filter((n) => !n.root).length;
  const devs = snapshot.namespaces.reduce((a, n) => a + n.devices.length, 0);
  const { t } = useTranslation();
  return (
    <div className="inspector" aria-label={t('inspector.label')}>
      <h2>{t('inspector.label')}</h2>
      {named === 0 && <StartHere />}
      <p className="muted">{t('inspector.select')}</p>
      <p>{t('inspector.counts', { count: named, devs: t('inspector.devices', { count: devs }) })}</p>
    </div>
  );
}

function NamespaceInspector({ ns, role }: { ns: NetnsSnapshot; role: Role }) {
  const lab = useLab();
  const edit = useEdit();
  const { t } = useTranslation();
  const label = ns.root ? t('inspector.host') : ns.name;
  const x = (cmd: string) => inNs(ns.name, cmd);
  const sc = ns.sysctl;
  const setRole = (r: Role) => lab.store.setState((s) => ({ meta: { ...s.meta, roles: { ...s.meta.roles, [ns.name]: r } } }));
  return (
    <div className="inspector" aria-label={t('inspector.label')}>
      <h2>
        <span className="muted">{ns.root ? t('inspector.hostTitle') : t('inspector.namespace')}</span> {label}
      </h2>
      {!ns.root && (
        <label className="row">
          {t('inspector.drawnAs')}{' '}
          <select aria-label={t('inspector.role')} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`inspector.roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <Section title={t('inspector.interfaces')}>
        <ul className="plain">
          {ns.devices.map((d) => (
            <li key={d.name}>
              <button
                type="button"
                className="linklike"
                onClick={() => lab.store.setState({ selection: { kind: 'port', ns: ns.name, dev: d.name }, fieldError: null })}
              >
                {d.name}
              </button>{' '}
              <span className="muted">
                {d.kind}
                {d.up ? '' : ` ${t('inspector.down')}`}
              </span>{' '}
              {d.addrs.join(' ')}
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t('inspector.sysctls')}>
        <label className="row">
          <input
            type="checkbox"
            aria-label="ip_forward"
            checked={sc.ipForward}
            onChange={(e) =>
              void edit(
                t('inspector.setSysctl', { name: 'ip_forward' }),
                [x(`sysctl -w net.ipv4.ip_forward=${e.target.checked ? 1 : 0}`)],
                'sysctl',
              )
            }
          />{' '}
          net.ipv4.ip_forward
        </label>
        <label className="row">
          net.ipv4.conf.all.rp_filter{' '}
          <select
            aria-label="rp_filter"
            value={sc.rpFilterAll}
            onChange={(e) =>
              void edit(
                t('inspector.setSysctl', { name: 'rp_filter' }),
                [x(`sysctl -w net.ipv4.conf.all.rp_filter=${e.target.value}`)],
                'sysctl',
              )
            }
          >
            <option value={0}>{t('inspector.rp0')}</option>
            <option value={1}>{t('inspector.rp1')}</option>
            <option value={2}>{t('inspector.rp2')}</option>
          </select>
        </label>
        <label className="row">
          <input
            type="checkbox"
            aria-label="bridge-nf-call-iptables"
            checked={sc.bridgeNfCallIptables}
            onChange={(e) =>
              void edit(
                t('inspector.setSysctl', { name: 'bridge-nf-call-iptables' }),
                [x(`sysctl -w net.bridge.bridge-nf-call-iptables=${e.target.checked ? 1 : 0}`)],
                'sysctl',
              )
            }
          />{' '}
          net.bridge.bridge-nf-call-iptables
        </label>
        <FieldError field="sysctl" />
      </Section>
      <Section title={t('inspector.routes')}>
        <ul className="plain routes">
          {ns.routes
            .filter((r) => r.table === 'main')
            .map((r, i) => {
              const dst = r.dst === '0.0.0.0/0' ? 'default' : r.dst;
              const text = `${r.type !== 'unicast' ? r.type + ' ' : ''}${dst}${r.gw ? ` via ${r.gw}` : ''}${r.dev ? ` dev ${r.dev}` : ''}${r.proto === 'kernel' ? ' proto kernel' : ''}${r.src ? ` src ${r.src}` : ''}${r.metric ? ` metric ${r.metric}` : ''}`;
              return (
                <li key={i}>
                  <code>{text}</code>
                  {r.proto !== 'kernel' && (
                    <button
                      type="button"
                      className="del"
                      aria-label={t('inspector.delRoute', { dst })}
                      onClick={() =>
                        void edit(
                          t('inspector.delRoute', { dst }),
                          [`${ipn(ns.name)} route del ${dst}${r.gw ? ` via ${r.gw}` : ''}${r.dev ? ` dev ${r.dev}` : ''}`],
                          'route',
                        )
                      }
                    >
                      ×
                    </button>
                  )}
                </li>
              );
            })}
        </ul>
        <LineForm
          field="route"
          label={t('inspector.addRoute')}
          placeholder="default via 10.0.0.1"
          button={t('inspector.addRoute')}
          onSubmit={(v) => edit(t('inspector.addRouteWhat', { v }), [`${ipn(ns.name)} route add ${v}`], 'route')}
        />
      </Section>
      <IptablesSection ns={ns} />
      {!ns.root && (
        <button
          type="button"
          className="danger"
          onClick={() => void edit(t('inspector.delNs', { name: ns.name }), deleteNamespace(ns.name))}
        >
          {t('inspector.delNs', { name: ns.name })}
        </button>
      )}
    </div>
  );
}

function IptablesSection({ ns }: { ns: NetnsSnapshot }) {
  const edit = useEdit();
  const { t } = useTranslation();
  const [table, setTable] = useState<'filter' | 'nat' | 'mangle' | 'security' | 'raw'>('filter');
  const chains = ns.iptables[table].chains;
  const [chain, setChain] = useState('');
  const target = chains.find((c) => c.name === chain)?.name ?? chains[0]?.name ?? '';
  const ipt = (args: string) => inNs(ns.name, `iptables${table === 'filter' ? '' : ` -t ${table}`} ${args}`);
  return (
    <Section title="iptables">
      <div className="tabs" role="tablist" aria-label={t('inspector.iptTable')}>
        {(['filter', 'nat', 'mangle', 'security', 'raw'] as const).map((t) => (
          <button
            key={t}
            role="tab"
            type="button"
            aria-selected={t === table}
            className={t === table ? 'active' : ''}
            onClick={() => setTable(t)}
          >
            {t}
          </button>
        ))}
      </div>
      {chains.map((c) => (
        <div key={c.name} className="chain">
          <div className="chain-head">
            <b>{c.name}</b>
            {c.policy !== null && (
              <select
                aria-label={t('inspector.policy', { chain: c.name })}
                value={c.policy}
                onChange={(e) =>
                  void edit(t('inspector.setPolicy', { chain: c.name }), [ipt(`-P ${c.name} ${e.target.value}`)], 'iptables')
                }
              >
                <option>ACCEPT</option>
                <option>DROP</option>
              </select>
            )}
          </div>
          {c.rules.length === 0 ? (
            <div className="muted small">{t('inspector.noRules')}</div>
          ) : (
            <ol className="rules">
              {c.rules.map((r, i) => (
                <li key={i}>
                  <code>{r}</code> <span className="muted small">{t('inspector.pkts', { n: c.counters[i]?.pkts ?? 0 })}</span>
                  {(c.notSimulated[i]?.length ?? 0) > 0 && (
                    <span className="muted small" title={t('inspector.notSimulatedTitle')}>
                      {' '}
                      {t('inspector.notSimulated', { what: c.notSimulated[i]!.join(', ') })}
                    </span>
                  )}
                  <button
                    type="button"
                    className="del"
                    aria-label={t('inspector.delRule', { n: i + 1, chain: c.name })}
                    onClick={() =>
                      void edit(t('inspector.delRule', { n: i + 1, chain: c.name }), [ipt(`-D ${c.name} ${i + 1}`)], 'iptables')
                    }
                  >
                    ×
                  </button>
                </li>
              ))}
            </ol>
          )}
        </div>
      ))}
      <div className="row">
        <select aria-label={t('inspector.chain')} value={target} onChange={(e) => setChain(e.target.value)}>
          {chains.map((c) => (
            <option key={c.name}>{c.name}</option>
          ))}
        </select>
      </div>
      <LineForm
        field="iptables"
        label={t('inspector.addRule')}
        placeholder={table === 'nat' ? '-s 10.0.0.0/24 ! -o br0 -j MASQUERADE' : '-p tcp --dport 80 -j ACCEPT'}
        button={t('inspector.appendRule')}
        onSubmit={(v) => edit(t('inspector.appendTo', { chain: target }), [ipt(`-A ${target} ${v}`)], 'iptables')}
      />
    </Section>
  );
}

function DeviceInspector({ ns, d }: { ns: string; d: DeviceSnapshot }) {
  const lab = useLab();
  const edit = useEdit();
  const { t } = useTranslation();
  const snapshot = useLabState((s) => s.snapshot);
  const nsSnap = findNs(snapshot, ns);
  const ip = ipn(ns);
  const bridges = nsSnap?.devices.filter((x) => x.kind === 'bridge' && x.name !== d.name) ?? [];
  const ports = d.kind === 'bridge' ? (nsSnap?.devices.filter((x) => x.master === d.name) ?? []) : [];
  const rename = (to: string) => {
    const lines = [
      ...(d.up ? [`${ip} link set ${d.name} down`] : []),
      `${ip} link set ${d.name} name ${to}`,
      ...(d.up ? [`${ip} link set ${to} up`] : []),
    ];
    return edit(t('inspector.renameWhat', { from: d.name, to }), lines, 'rename').then((r) => {
      if (r.ok) lab.store.setState({ selection: { kind: 'port', ns, dev: to } });
      return r;
    });
  };
  const others = snapshot.namespaces.filter((n) => !n.root && n.name !== ns);
  const doRecreate = (change: Parameters<typeof recreate>[3], what: string) => {
    const lines = recreate(snapshot, ns, d.name, change);
    if ('error' in lines) {
      lab.store.setState((s) => addNotice(s, 'error', lines.error));
      return;
    }
    void edit(what, lines, 'mode');
  };
  return (
    <div className="inspector" aria-label={t('inspector.label')}>
      <h2>
        <span className="muted">{d.kind === 'bridge' ? t('inspector.bridge') : t('inspector.interface')}</span> {d.name}{' '}
        <span className="muted small">{t('inspector.inNs', { nsName: ns === 'root' ? t('inspector.host') : ns })}</span>
      </h2>
      <div className="row">
        <button type="button" title={t('capture.startTitle', { dev: d.name })} onClick={() => void startCapture(lab, ns, d.name)}>
          {t('capture.start')}
        </button>
      </div>
      <dl className="facts">
        <dt>kind</dt>
        <dd>
          {d.kind}
          {d.mode ? ` ${d.mode}` : ''}
        </dd>
        <dt>MAC</dt>
        <dd>
          <code>{d.mac}</code>
        </dd>
        <dt>MTU</dt>
        <dd>{d.mtu}</dd>
        {d.peer && (
          <>
            <dt>peer</dt>
            <dd>
              {d.peer.name} {t('inspector.inNs', { nsName: d.peer.ns === 'root' ? t('inspector.host') : d.peer.ns })}
            </dd>
          </>
        )}
        {d.lower && (
          <>
            <dt>parent</dt>
            <dd>
              {d.lower.name} {t('inspector.inNs', { nsName: d.lower.ns === 'root' ? t('inspector.host') : d.lower.ns })}
            </dd>
          </>
        )}
        {d.vxlan && (
          <>
            <dt>VXLAN</dt>
            <dd>
              {/* in the words of `ip -d link` */}
              <code>
                {`id ${d.vxlan.vni}${d.vxlan.remote ? ` remote ${d.vxlan.remote}` : ''}${d.vxlan.local ? ` local ${d.vxlan.local}` : ''} dstport ${d.vxlan.dstport}`}
              </code>
            </dd>
          </>
        )}
      </dl>
      <label className="row">
        <input
          type="checkbox"
          aria-label="up"
          checked={d.up}
          onChange={(e) =>
            void edit(
              t('inspector.setState', { dev: d.name, state: e.target.checked ? 'up' : 'down' }),
              [`${ip} link set ${d.name} ${e.target.checked ? 'up' : 'down'}`],
              'state',
            )
          }
        />{' '}
        up {d.up && !d.carrier && <span className="muted">{t('inspector.noCarrier')}</span>}
      </label>
      <FieldError field="state" />
      {d.kind !== 'loopback' && (
        <Section title={t('inspector.name')}>
          <LineForm
            field="rename"
            label={t('inspector.newName')}
            placeholder={d.name}
            button={t('inspector.rename')}
            check={(v) => (DEV_NAME.test(v) ? null : t('inspector.badName'))}
            onSubmit={rename}
          />
        </Section>
      )}
      <Section title={t('inspector.addresses')}>
        <ul className="plain">
          {d.addrs.map((a) => (
            <li key={a}>
              <code>{a}</code>{' '}
              <button
                type="button"
                className="del"
                aria-label={t('inspector.delAddr', { a })}
                onClick={() => void edit(t('inspector.delAddrFrom', { a, dev: d.name }), [`${ip} addr del ${a} dev ${d.name}`], 'addr')}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <LineForm
          field="addr"
          label={t('inspector.addAddr')}
          placeholder="10.0.0.1/24"
          button={t('inspector.add')}
          check={cidrProblem}
          onSubmit={(v) => edit(t('inspector.addAddrTo', { a: v, dev: d.name }), [`${ip} addr add ${v} dev ${d.name}`], 'addr')}
        />
      </Section>
      {d.kind !== 'bridge' && d.kind !== 'loopback' && (
        <Section title={t('inspector.bridgePort')}>
          <label className="row">
            master{' '}
            <select
              aria-label={t('inspector.masterBridge')}
              value={d.master ?? ''}
              onChange={(e) =>
                void edit(
                  e.target.value ? t('inspector.attach', { dev: d.name, br: e.target.value }) : t('inspector.detach', { dev: d.name }),
                  [`${ip} link set ${d.name} ${e.target.value ? `master ${e.target.value}` : 'nomaster'}`],
                  'master',
                )
              }
            >
              <option value="">{t('inspector.none')}</option>
              {bridges.map((b) => (
                <option key={b.name} value={b.name}>
                  {b.name}
                </option>
              ))}
            </select>
          </label>
          {d.master && (
            <label className="row">
              <input
                type="checkbox"
                aria-label="hairpin"
                checked={d.hairpin}
                onChange={(e) =>
                  void edit(
                    t('inspector.hairpinWhat', { state: e.target.checked ? 'on' : 'off', dev: d.name }),
                    [inNs(ns, `bridge link set dev ${d.name} hairpin ${e.target.checked ? 'on' : 'off'}`)],
                    'master',
                  )
                }
              />{' '}
              hairpin
            </label>
          )}
          <FieldError field="master" />
        </Section>
      )}
      {d.kind === 'bridge' && (
        <Section title={t('inspector.ports')}>
          {ports.length === 0 && <p className="muted">{t('inspector.noPorts')}</p>}
          <ul className="plain">
            {ports.map((p) => (
              <li key={p.name}>
                {p.name}{' '}
                <label>
                  <input
                    type="checkbox"
                    aria-label={t('inspector.hairpinOn', { dev: p.name })}
                    checked={p.hairpin}
                    onChange={(e) =>
                      void edit(
                        t('inspector.hairpinWhat', { state: e.target.checked ? 'on' : 'off', dev: p.name }),
                        [inNs(ns, `bridge link set dev ${p.name} hairpin ${e.target.checked ? 'on' : 'off'}`)],
                        'master',
                      )
                    }
                  />{' '}
                  hairpin
                </label>
              </li>
            ))}
          </ul>
          <FieldError field="master" />
        </Section>
      )}
      {(d.kind === 'macvlan' || d.kind === 'ipvlan') && (
        <Section title={t('inspector.mode')}>
          <select
            aria-label={t('inspector.mode')}
            value={d.mode ?? ''}
            onChange={(e) => doRecreate({ mode: e.target.value }, t('inspector.setMode', { dev: d.name, mode: e.target.value }))}
          >
            {(d.kind === 'macvlan' ? ['private', 'vepa', 'bridge', 'passthru'] : ['l2', 'l3', 'l3s']).map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
          <FieldError field="mode" />
        </Section>
      )}
      {d.kind === 'vxlan' && (
        <Section title={t('inspector.vxlanRemote')}>
          <LineForm
            field="mode"
            label={t('inspector.remoteAddr')}
            placeholder={d.vxlan?.remote ?? '192.168.100.3'}
            button={t('inspector.setRemote')}
            check={(v) => (cidrProblem(`${v}/32`) ? t('inspector.badRemote') : null)}
            onSubmit={async (v) => {
              doRecreate({ remote: v }, t('inspector.setRemoteWhat', { dev: d.name, v }));
              return { ok: true };
            }}
          />
        </Section>
      )}
      {d.kind !== 'loopback' && d.kind !== 'bridge' && others.length > 0 && (
        <Section title={t('inspector.namespace')}>
          <label className="row">
            {t('inspector.moveTo')}{' '}
            <select
              aria-label={t('inspector.moveToNs')}
              value=""
              onChange={(e) =>
                e.target.value &&
                void edit(
                  t('inspector.moveWhat', { dev: d.name, nsName: e.target.value }),
                  [`${ip} link set ${d.name} netns ${e.target.value}`],
                  'netns',
                )
              }
            >
              <option value="">{t('inspector.choose')}</option>
              {others.map((n) => (
                <option key={n.name} value={n.name}>
                  {n.name}
                </option>
              ))}
            </select>
          </label>
          <FieldError field="netns" />
        </Section>
      )}
      {d.kind !== 'loopback' && (
        <button
          type="button"
          className="danger"
          onClick={() => void edit(t('inspector.delDev', { dev: d.name }), deleteDevice(ns, d.name))}
        >
          {t('inspector.delDev', { dev: d.name })}
        </button>
      )}
    </div>
  );
}

function EdgeInspector({ id }: { id: string }) {
  const edit = useEdit();
  const { t } = useTranslation();
  const snapshot = useLabState((s) => s.snapshot);
  const m = /^(veth|lower|vxlan):([^/]*)\/([^~]+)/.exec(id);
  if (!m) return <Overview />;
  const [, kind, ns, dev] = m as unknown as [string, string, string, string];
  const d = findDev(snapshot, ns, dev);
  if (!d) return <Overview />;
  return (
    <div className="inspector" aria-label={t('inspector.label')}>
      <h2>
        <span className="muted">
          {kind === 'veth'
            ? t('inspector.vethPair')
            : kind === 'lower'
              ? t('inspector.lowerLink', { kind: d.kind })
              : t('inspector.vxlanTunnel')}
        </span>
      </h2>
      <p>
        {d.name} {t('inspector.inNs', { nsName: ns === 'root' ? t('inspector.host') : ns })}
        {d.peer ? (
          <>
            {' '}
            ⟷ {d.peer.name} {t('inspector.inNs', { nsName: d.peer.ns === 'root' ? t('inspector.host') : d.peer.ns })}
          </>
        ) : null}
        {d.lower ? (
          <> {t('inspector.onLower', { dev: d.lower.name, nsName: d.lower.ns === 'root' ? t('inspector.host') : d.lower.ns })}</>
        ) : null}
      </p>
      {kind === 'veth' && (
        <button
          type="button"
          className="danger"
          onClick={() => void edit(t('inspector.delVethWhat', { dev: d.name }), deleteDevice(ns, d.name))}
        >
          {t('inspector.delVeth')}
        </button>
      )}
    </div>
  );
}
