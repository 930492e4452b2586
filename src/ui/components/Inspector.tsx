// The inspector for the selection. Every change is a dialect command run by the core; a
// refusal (the kernel's own message) is shown beside the field that caused it.

import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { DeviceSnapshot, NetnsSnapshot } from '../../core/snapshot.ts';
import { useLab, useLabState } from '../LabContext.tsx';
import { ROLES, type Role } from '../doc/document.ts';
import { deriveGraph } from '../graph/derive.ts';
import { DEV_NAME, cidrProblem, deleteDevice, deleteNamespace, findDev, findNs, inNs, ipn, recreate } from '../lab/commands.ts';
import { addNotice } from '../lab/store.ts';
import { loadCatalog, openLesson } from '../lessons/controller.ts';

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
  const [first, setFirst] = useState<{ readonly id: string; readonly title: string } | null>(null);
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
    <section className="start-here" aria-label="Start here">
      <h3>New here?</h3>
      <p>
        Follow a lesson step by step: <b>{first.title}</b> is the first. Or build your own: drag a <b>Namespace</b> from the palette onto
        the host, and <b>+</b> from one node to another to wire them.
      </p>
      <div className="row">
        <button type="button" className="primary" onClick={start}>
          Start the first lesson
        </button>
        <button type="button" onClick={() => lab.store.setState({ panel: 'lessons' })}>
          All lessons
        </button>
      </div>
    </section>
  );
}

function Overview() {
  const snapshot = useLabState((s) => s.snapshot);
  const named = snapshot.namespaces.filter((n) => !n.root).length;
  const devs = snapshot.namespaces.reduce((a, n) => a + n.devices.length, 0);
  return (
    <div className="inspector" aria-label="Inspector">
      <h2>Inspector</h2>
      {named === 0 && <StartHere />}
      <p className="muted">Select a namespace, bridge, interface or link to inspect and edit it.</p>
      <p>
        {named} namespace{named === 1 ? '' : 's'} besides the host, {devs} devices.
      </p>
    </div>
  );
}

function NamespaceInspector({ ns, role }: { ns: NetnsSnapshot; role: Role }) {
  const lab = useLab();
  const edit = useEdit();
  const label = ns.root ? 'host' : ns.name;
  const x = (cmd: string) => inNs(ns.name, cmd);
  const sc = ns.sysctl;
  const setRole = (r: Role) => lab.store.setState((s) => ({ meta: { ...s.meta, roles: { ...s.meta.roles, [ns.name]: r } } }));
  return (
    <div className="inspector" aria-label="Inspector">
      <h2>
        <span className="muted">{ns.root ? 'Host' : 'Namespace'}</span> {label}
      </h2>
      {!ns.root && (
        <label className="row">
          Drawn as{' '}
          <select aria-label="Role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r === 'container' ? 'namespace / container' : r === 'switch' ? 'LAN switch' : r}
              </option>
            ))}
          </select>
        </label>
      )}
      <Section title="Interfaces">
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
                {d.up ? '' : ' (down)'}
              </span>{' '}
              {d.addrs.join(' ')}
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Sysctls">
        <label className="row">
          <input
            type="checkbox"
            aria-label="ip_forward"
            checked={sc.ipForward}
            onChange={(e) => void edit('Set ip_forward', [x(`sysctl -w net.ipv4.ip_forward=${e.target.checked ? 1 : 0}`)], 'sysctl')}
          />{' '}
          net.ipv4.ip_forward
        </label>
        <label className="row">
          net.ipv4.conf.all.rp_filter{' '}
          <select
            aria-label="rp_filter"
            value={sc.rpFilterAll}
            onChange={(e) => void edit('Set rp_filter', [x(`sysctl -w net.ipv4.conf.all.rp_filter=${e.target.value}`)], 'sysctl')}
          >
            <option value={0}>0 (off)</option>
            <option value={1}>1 (strict)</option>
            <option value={2}>2 (loose)</option>
          </select>
        </label>
        <label className="row">
          <input
            type="checkbox"
            aria-label="bridge-nf-call-iptables"
            checked={sc.bridgeNfCallIptables}
            onChange={(e) =>
              void edit(
                'Set bridge-nf-call-iptables',
                [x(`sysctl -w net.bridge.bridge-nf-call-iptables=${e.target.checked ? 1 : 0}`)],
                'sysctl',
              )
            }
          />{' '}
          net.bridge.bridge-nf-call-iptables
        </label>
        <FieldError field="sysctl" />
      </Section>
      <Section title="Routes">
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
                      aria-label={`Delete route ${dst}`}
                      onClick={() =>
                        void edit(
                          `Delete route ${dst}`,
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
          label="Add route"
          placeholder="default via 10.0.0.1"
          button="Add route"
          onSubmit={(v) => edit(`Add route ${v}`, [`${ipn(ns.name)} route add ${v}`], 'route')}
        />
      </Section>
      <IptablesSection ns={ns} />
      {!ns.root && (
        <button type="button" className="danger" onClick={() => void edit(`Delete namespace ${ns.name}`, deleteNamespace(ns.name))}>
          Delete namespace {ns.name}
        </button>
      )}
    </div>
  );
}

function IptablesSection({ ns }: { ns: NetnsSnapshot }) {
  const edit = useEdit();
  const [table, setTable] = useState<'filter' | 'nat' | 'mangle' | 'security' | 'raw'>('filter');
  const chains = ns.iptables[table].chains;
  const [chain, setChain] = useState('');
  const target = chains.find((c) => c.name === chain)?.name ?? chains[0]?.name ?? '';
  const ipt = (args: string) => inNs(ns.name, `iptables${table === 'filter' ? '' : ` -t ${table}`} ${args}`);
  return (
    <Section title="iptables">
      <div className="tabs" role="tablist" aria-label="iptables table">
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
                aria-label={`${c.name} policy`}
                value={c.policy}
                onChange={(e) => void edit(`Set ${c.name} policy`, [ipt(`-P ${c.name} ${e.target.value}`)], 'iptables')}
              >
                <option>ACCEPT</option>
                <option>DROP</option>
              </select>
            )}
          </div>
          {c.rules.length === 0 ? (
            <div className="muted small">no rules</div>
          ) : (
            <ol className="rules">
              {c.rules.map((r, i) => (
                <li key={i}>
                  <code>{r}</code> <span className="muted small">{c.counters[i]?.pkts ?? 0} pkts</span>
                  {(c.notSimulated[i]?.length ?? 0) > 0 && (
                    <span className="muted small" title="accepted and printed as iptables does; the lab gives it no effect">
                      {' '}
                      not simulated: {c.notSimulated[i]!.join(', ')}
                    </span>
                  )}
                  <button
                    type="button"
                    className="del"
                    aria-label={`Delete rule ${i + 1} of ${c.name}`}
                    onClick={() => void edit(`Delete ${c.name} rule ${i + 1}`, [ipt(`-D ${c.name} ${i + 1}`)], 'iptables')}
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
        <select aria-label="Chain" value={target} onChange={(e) => setChain(e.target.value)}>
          {chains.map((c) => (
            <option key={c.name}>{c.name}</option>
          ))}
        </select>
      </div>
      <LineForm
        field="iptables"
        label="Add rule"
        placeholder={table === 'nat' ? '-s 10.0.0.0/24 ! -o br0 -j MASQUERADE' : '-p tcp --dport 80 -j ACCEPT'}
        button="Append rule"
        onSubmit={(v) => edit(`Append rule to ${target}`, [ipt(`-A ${target} ${v}`)], 'iptables')}
      />
    </Section>
  );
}

function DeviceInspector({ ns, d }: { ns: string; d: DeviceSnapshot }) {
  const lab = useLab();
  const edit = useEdit();
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
    return edit(`Rename ${d.name} to ${to}`, lines, 'rename').then((r) => {
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
    <div className="inspector" aria-label="Inspector">
      <h2>
        <span className="muted">{d.kind === 'bridge' ? 'Bridge' : 'Interface'}</span> {d.name}{' '}
        <span className="muted small">in {ns === 'root' ? 'host' : ns}</span>
      </h2>
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
              {d.peer.name} in {d.peer.ns === 'root' ? 'host' : d.peer.ns}
            </dd>
          </>
        )}
        {d.lower && (
          <>
            <dt>parent</dt>
            <dd>
              {d.lower.name} in {d.lower.ns === 'root' ? 'host' : d.lower.ns}
            </dd>
          </>
        )}
        {d.vxlan && (
          <>
            <dt>VXLAN</dt>
            <dd>
              id {d.vxlan.vni}, port {d.vxlan.dstport}
              {d.vxlan.remote ? `, remote ${d.vxlan.remote}` : ''}
              {d.vxlan.local ? `, local ${d.vxlan.local}` : ''}
            </dd>
          </>
        )}
      </dl>
      <label className="row">
        <input
          type="checkbox"
          aria-label="Up"
          checked={d.up}
          onChange={(e) =>
            void edit(
              `Set ${d.name} ${e.target.checked ? 'up' : 'down'}`,
              [`${ip} link set ${d.name} ${e.target.checked ? 'up' : 'down'}`],
              'state',
            )
          }
        />{' '}
        up {d.up && !d.carrier && <span className="muted">(no carrier)</span>}
      </label>
      <FieldError field="state" />
      {d.kind !== 'loopback' && (
        <Section title="Name">
          <LineForm
            field="rename"
            label="New name"
            placeholder={d.name}
            button="Rename"
            check={(v) => (DEV_NAME.test(v) ? null : 'A name is 1–15 letters, digits, "-", "_" or ".".')}
            onSubmit={rename}
          />
        </Section>
      )}
      <Section title="Addresses">
        <ul className="plain">
          {d.addrs.map((a) => (
            <li key={a}>
              <code>{a}</code>{' '}
              <button
                type="button"
                className="del"
                aria-label={`Delete address ${a}`}
                onClick={() => void edit(`Delete ${a} from ${d.name}`, [`${ip} addr del ${a} dev ${d.name}`], 'addr')}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <LineForm
          field="addr"
          label="Add address"
          placeholder="10.0.0.1/24"
          button="Add"
          check={cidrProblem}
          onSubmit={(v) => edit(`Add ${v} to ${d.name}`, [`${ip} addr add ${v} dev ${d.name}`], 'addr')}
        />
      </Section>
      {d.kind !== 'bridge' && d.kind !== 'loopback' && (
        <Section title="Bridge port">
          <label className="row">
            master{' '}
            <select
              aria-label="Master bridge"
              value={d.master ?? ''}
              onChange={(e) =>
                void edit(
                  e.target.value ? `Attach ${d.name} to ${e.target.value}` : `Detach ${d.name}`,
                  [`${ip} link set ${d.name} ${e.target.value ? `master ${e.target.value}` : 'nomaster'}`],
                  'master',
                )
              }
            >
              <option value="">(none)</option>
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
                aria-label="Hairpin"
                checked={d.hairpin}
                onChange={(e) =>
                  void edit(
                    `Hairpin ${e.target.checked ? 'on' : 'off'} on ${d.name}`,
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
        <Section title="Ports">
          {ports.length === 0 && <p className="muted">No ports. Connect a namespace to this bridge.</p>}
          <ul className="plain">
            {ports.map((p) => (
              <li key={p.name}>
                {p.name}{' '}
                <label>
                  <input
                    type="checkbox"
                    aria-label={`Hairpin on ${p.name}`}
                    checked={p.hairpin}
                    onChange={(e) =>
                      void edit(
                        `Hairpin ${e.target.checked ? 'on' : 'off'} on ${p.name}`,
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
        <Section title="Mode">
          <select
            aria-label="Mode"
            value={d.mode ?? ''}
            onChange={(e) => doRecreate({ mode: e.target.value }, `Set ${d.name} mode ${e.target.value}`)}
          >
            {(d.kind === 'macvlan' ? ['private', 'vepa', 'bridge', 'passthru'] : ['l2', 'l3', 'l3s']).map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
          <FieldError field="mode" />
        </Section>
      )}
      {d.kind === 'vxlan' && (
        <Section title="VXLAN remote">
          <LineForm
            field="mode"
            label="Remote address"
            placeholder={d.vxlan?.remote ?? '192.168.100.3'}
            button="Set remote"
            check={(v) => (cidrProblem(`${v}/32`) ? 'Write an IPv4 address, like 192.168.100.3.' : null)}
            onSubmit={async (v) => {
              doRecreate({ remote: v }, `Set ${d.name} remote ${v}`);
              return { ok: true };
            }}
          />
        </Section>
      )}
      {d.kind !== 'loopback' && d.kind !== 'bridge' && others.length > 0 && (
        <Section title="Namespace">
          <label className="row">
            move to{' '}
            <select
              aria-label="Move to namespace"
              value=""
              onChange={(e) =>
                e.target.value &&
                void edit(`Move ${d.name} to ${e.target.value}`, [`${ip} link set ${d.name} netns ${e.target.value}`], 'netns')
              }
            >
              <option value="">(choose)</option>
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
        <button type="button" className="danger" onClick={() => void edit(`Delete ${d.name}`, deleteDevice(ns, d.name))}>
          Delete {d.name}
        </button>
      )}
    </div>
  );
}

function EdgeInspector({ id }: { id: string }) {
  const edit = useEdit();
  const snapshot = useLabState((s) => s.snapshot);
  const m = /^(veth|lower|vxlan):([^/]*)\/([^~]+)/.exec(id);
  if (!m) return <Overview />;
  const [, kind, ns, dev] = m as unknown as [string, string, string, string];
  const d = findDev(snapshot, ns, dev);
  if (!d) return <Overview />;
  return (
    <div className="inspector" aria-label="Inspector">
      <h2>
        <span className="muted">{kind === 'veth' ? 'veth pair' : kind === 'lower' ? `${d.kind} link` : 'VXLAN tunnel'}</span>
      </h2>
      <p>
        {d.name} in {ns === 'root' ? 'host' : ns}
        {d.peer ? (
          <>
            {' '}
            ⟷ {d.peer.name} in {d.peer.ns === 'root' ? 'host' : d.peer.ns}
          </>
        ) : null}
        {d.lower ? (
          <>
            {' '}
            on {d.lower.name} in {d.lower.ns === 'root' ? 'host' : d.lower.ns}
          </>
        ) : null}
      </p>
      {kind === 'veth' && (
        <button type="button" className="danger" onClick={() => void edit(`Delete veth pair ${d.name}`, deleteDevice(ns, d.name))}>
          Delete this veth pair
        </button>
      )}
    </div>
  );
}
