import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory-fs.js';
import { runProcess } from '../process/launch.js';
import { virtualHost } from '../testing/virtual-host.js';
import { aptSize, planInstall, planUpdate } from './apt.js';
import {
  compareVersions, DPKG_STATUS, formatStanzas, installedVersion, kubernetesNodePackageFiles, kubernetesReleases, parseStanzas, readAvailable, readStatus,
} from './debian-packages.js';

const SOURCES = '/etc/apt/sources.list.d/kubernetes.list';
const V132_LISTS = '/var/lib/apt/lists/pkgs.k8s.io_core:_stable:_v1.32_deb_Packages';
const V133_LISTS = '/var/lib/apt/lists/pkgs.k8s.io_core:_stable:_v1.33_deb_Packages';
const READING_STATE = ['Reading package lists... Done', 'Building dependency tree... Done', 'Reading state information... Done'];
const DEBIAN_HITS = [
  'Hit:1 http://deb.debian.org/debian bookworm InRelease',
  'Hit:2 http://deb.debian.org/debian bookworm-updates InRelease',
  'Hit:3 http://deb.debian.org/debian-security bookworm-security InRelease',
];
const lines = (...text: string[]) => text.map((line) => `${line}\n`).join('');

/** A node the "Installing kubeadm" guide set up at 1.32.0, whose disk every script run on it shares (as `kubelab ssh` sessions do). */
function node(files: Record<string, string> = kubernetesNodePackageFiles()) {
  const fs = new MemoryFs({ files });
  const run = async (script: string) => {
    const lab = virtualHost({ fs });
    const status = await runProcess(['sh', '-c', script], lab.host);
    return { status, stdout: lab.stdout(), stderr: lab.stderr() };
  };
  return { fs, run };
}

describe('apt-get on a kubeadm node, as the upgrade guide runs it', () => {
  it('upgrades kubeadm within its minor: unhold, update, install the newest patch of a glob, hold again', async () => {
    const { fs, run } = node();
    expect(await run('apt-mark unhold kubeadm && apt-get update && apt-get install -y kubeadm=\'1.32.4-*\' && apt-mark hold kubeadm')).toEqual({
      status: 0, stderr: '', stdout: lines(
        'Canceled hold on kubeadm.',
        ...DEBIAN_HITS,
        'Hit:4 https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.32/deb  InRelease',
        'Reading package lists... Done',
        ...READING_STATE,
        'Selected version \'1.32.4-1.1\' (isv:kubernetes:core:stable:v1.32:pkgs.k8s.io [amd64]) for \'kubeadm\'',
        'The following packages will be upgraded:',
        '  kubeadm',
        '1 upgraded, 0 newly installed, 0 to remove and 2 not upgraded.',
        'Need to get 12.2 MB of archives.',
        'After this operation, 0 B of additional disk space will be used.',
        'Get:1 https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.32/deb  kubeadm 1.32.4-1.1 [12.2 MB]',
        'Fetched 12.2 MB in 1s (12.2 MB/s)',
        '(Reading database ... 29183 files and directories currently installed.)',
        'Preparing to unpack .../kubeadm_1.32.4-1.1_amd64.deb ...',
        'Unpacking kubeadm (1.32.4-1.1) over (1.32.0-1.1) ...',
        'Setting up kubeadm (1.32.4-1.1) ...',
        'kubeadm set on hold.',
      ),
    });
    expect(installedVersion(fs, 'kubeadm')).toBe('1.32.4-1.1');
    expect((await run('dpkg -s kubeadm')).stdout).toBe(lines(
      'Package: kubeadm', 'Status: hold ok installed', 'Priority: optional', 'Section: admin', 'Installed-Size: 64316',
      'Maintainer: Kubernetes Authors <dev@kubernetes.io>', 'Architecture: amd64', 'Version: 1.32.4-1.1',
      'Description: Command-line utility for administering a Kubernetes cluster', ' Command-line utility for administering a Kubernetes cluster.',
    ));
    expect((await run('apt-mark showhold')).stdout).toBe('kubeadm\nkubectl\nkubelet\n');
  });

  it('moves to the next minor\'s repository: sed on kubernetes.list, update fetches its index (dropping the old one), install 1.33.1 of a held package when allowed', async () => {
    const { fs, run } = node();
    expect(await run('sed -i \'s/v1.32/v1.33/\' /etc/apt/sources.list.d/kubernetes.list && apt-get update')).toEqual({
      status: 0, stderr: '', stdout: lines(
        ...DEBIAN_HITS,
        'Get:4 https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.33/deb  InRelease [1,227 B]',
        'Get:5 https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.33/deb  Packages [3,854 B]',
        'Fetched 5,081 B in 1s (5,081 B/s)',
        'Reading package lists... Done',
      ),
    });
    expect(fs.read(SOURCES)).toBe('deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v1.33/deb/ /\n');
    expect([fs.isFile(V132_LISTS), fs.isFile(V133_LISTS)]).toEqual([false, true]);
    expect(await run('apt-get install -y --allow-change-held-packages kubeadm=1.33.1-1.1')).toEqual({
      status: 0, stderr: '', stdout: lines(
        ...READING_STATE,
        'The following held packages will be changed:',
        '  kubeadm',
        'The following packages will be upgraded:',
        '  kubeadm',
        '1 upgraded, 0 newly installed, 0 to remove and 3 not upgraded.',
        'Need to get 12.7 MB of archives.',
        'After this operation, 3,609 kB of additional disk space will be used.',
        'Get:1 https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.33/deb  kubeadm 1.33.1-1.1 [12.7 MB]',
        'Fetched 12.7 MB in 1s (12.7 MB/s)',
        '(Reading database ... 29183 files and directories currently installed.)',
        'Preparing to unpack .../kubeadm_1.33.1-1.1_amd64.deb ...',
        'Unpacking kubeadm (1.33.1-1.1) over (1.32.0-1.1) ...',
        'Setting up kubeadm (1.33.1-1.1) ...',
      ),
    });
    expect((await run('dpkg -l kubeadm | tail -n 1')).stdout).toBe('hi  kubeadm        1.33.1-1.1   amd64        Command-line utility for administering a Kubernetes cluster\n');
    expect((await run('apt-get update')).stdout).toContain('\nHit:4 https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.33/deb  InRelease\nReading package lists... Done\n');
  });

  it('upgrades the kubelet and kubectl together, each unpacked and then each set up, in name order', async () => {
    const { run } = node();
    const { stdout } = await run('apt-mark unhold kubelet kubectl && apt-get install -y kubelet=\'1.32.3-*\' kubectl=\'1.32.3-*\'');
    expect(stdout.split('\n').slice(0, 4)).toEqual(['Canceled hold on kubelet.', 'Canceled hold on kubectl.', ...READING_STATE.slice(0, 2)]);
    expect(stdout).toContain(lines(
      'The following packages will be upgraded:', '  kubectl kubelet', '2 upgraded, 0 newly installed, 0 to remove and 1 not upgraded.', 'Need to get 26.4 MB of archives.',
    ));
    expect(stdout).toMatch(/Unpacking kubectl \(1\.32\.3-1\.1\) over \(1\.32\.0-1\.1\) \.\.\.\nPreparing to unpack \.\.\.\/kubelet_1\.32\.3-1\.1_amd64\.deb \.\.\.\nUnpacking kubelet \(1\.32\.3-1\.1\) over \(1\.32\.0-1\.1\) \.\.\.\nSetting up kubectl \(1\.32\.3-1\.1\) \.\.\.\nSetting up kubelet \(1\.32\.3-1\.1\) \.\.\.\n$/);
  });
});

describe('apt-get\'s refusals, in apt\'s words', () => {
  it('will not change a held package under -y without --allow-change-held-packages (100)', async () => {
    const { fs, run } = node();
    expect(await run('apt-get install -y kubelet=1.32.4-1.1')).toEqual({
      status: 100,
      stdout: lines(...READING_STATE, 'The following held packages will be changed:', '  kubelet', 'The following packages will be upgraded:', '  kubelet', '1 upgraded, 0 newly installed, 0 to remove and 2 not upgraded.'),
      stderr: 'E: Held packages were changed and -y was used without --allow-change-held-packages.\n',
    });
    expect(installedVersion(fs, 'kubelet')).toBe('1.32.0-1.1');
  });

  it('asks before changing a held package without -y, and aborts at the end of input as it does when not on a terminal (1); a yes goes on', async () => {
    const { fs, run } = node();
    expect(await run('apt-get install kubelet=1.32.4-1.1')).toEqual({
      status: 1, stderr: '', stdout: lines(
        ...READING_STATE, 'The following held packages will be changed:', '  kubelet', 'The following packages will be upgraded:', '  kubelet',
        '1 upgraded, 0 newly installed, 0 to remove and 2 not upgraded.', 'Need to get 15.2 MB of archives.', 'After this operation, 0 B of additional disk space will be used.',
        'Do you want to continue? [Y/n] Abort.',
      ),
    });
    expect((await run('echo n | apt-get install kubelet=1.32.4-1.1')).stdout).toMatch(/Do you want to continue\? \[Y\/n\] Abort\.\n$/);
    expect(installedVersion(fs, 'kubelet')).toBe('1.32.0-1.1');
    expect((await run('echo y | apt-get install kubelet=1.32.4-1.1')).stdout).toContain('Do you want to continue? [Y/n] Get:1 ');
    expect(installedVersion(fs, 'kubelet')).toBe('1.32.4-1.1');
  });

  it('will not downgrade under -y without --allow-downgrades (100), and downgrades with it, dpkg warning', async () => {
    const { fs, run } = node();
    await run('apt-mark unhold kubeadm && apt-get install -y kubeadm=1.32.2-1.1');
    expect(await run('apt-get install -y kubeadm=1.32.1-1.1')).toEqual({
      status: 100,
      stdout: lines(...READING_STATE, 'The following packages will be DOWNGRADED:', '  kubeadm', '0 upgraded, 0 newly installed, 1 downgraded, 0 to remove and 2 not upgraded.'),
      stderr: 'E: Packages were downgraded and -y was used without --allow-downgrades.\n',
    });
    const downgrade = await run('apt-get install -y --allow-downgrades kubeadm=1.32.1-1.1');
    expect(downgrade).toMatchObject({ status: 0, stderr: 'dpkg: warning: downgrading kubeadm from 1.32.2-1.1 to 1.32.1-1.1\n' });
    expect(downgrade.stdout).toContain('Unpacking kubeadm (1.32.1-1.1) over (1.32.2-1.1) ...\n');
    expect(installedVersion(fs, 'kubeadm')).toBe('1.32.1-1.1');
  });

  it('says a package is already the newest version it asks for, and changes nothing', async () => {
    expect(await node().run('apt-get install -y kubeadm=1.32.0-1.1')).toEqual({
      status: 0, stderr: '', stdout: lines(...READING_STATE, 'kubeadm is already the newest version (1.32.0-1.1).', '0 upgraded, 0 newly installed, 0 to remove and 3 not upgraded.'),
    });
  });

  it('finds no version the repository does not have (the docs\' 1.33.x is a placeholder) and no package it never heard of (100)', async () => {
    const { run } = node();
    const notAvailable = lines('Package kubeadm is not available, but is referred to by another package.', 'This may mean that the package is missing, has been obsoleted, or', 'is only available from another source', '');
    expect(await run('apt-get install -y kubeadm=1.34.0-1.1')).toEqual({
      status: 100, stdout: lines(...READING_STATE) + notAvailable, stderr: 'E: Version \'1.34.0-1.1\' for \'kubeadm\' was not found\n',
    });
    expect(await run('apt-get install -y kubeadm=\'1.33.x-*\'')).toMatchObject({ status: 100, stderr: 'E: Version \'1.33.x-*\' for \'kubeadm\' was not found\n' });
    expect(await run('apt-get install -y kubeadmin')).toEqual({ status: 100, stdout: lines(...READING_STATE), stderr: 'E: Unable to locate package kubeadmin\n' });
  });

  it('knows only its own options and operations', async () => {
    const { run } = node();
    expect(await run('apt-get install --force-yes kubeadm')).toEqual({ status: 100, stdout: '', stderr: 'E: Command line option --force-yes is not understood in combination with the other options\n' });
    expect(await run('apt-get -qy install kubeadm')).toMatchObject({ status: 100, stderr: 'E: Command line option \'q\' [from -qy] is not understood in combination with the other options.\n' });
    expect(await run('apt-get upgrade')).toMatchObject({ status: 100, stderr: 'E: Invalid operation upgrade (this lab\'s apt-get knows update and install)\n' });
    expect(await run('apt-get')).toMatchObject({ status: 1, stdout: expect.stringMatching(/^apt 2\.6\.1 \(amd64\)\nUsage: apt-get \[options\] command\n/) });
  });
});

describe('apt-get update against the lab\'s pkgs.k8s.io', () => {
  it('fails on a minor the repository does not have, as apt fails on its 404 (no Release file, 100), and keeps the lists it had', async () => {
    const { fs, run } = node();
    expect(await run('sed -i \'s/v1.32/v1.34/\' /etc/apt/sources.list.d/kubernetes.list && apt-get update')).toEqual({
      status: 100,
      stdout: lines(
        ...DEBIAN_HITS,
        'Ign:4 https://pkgs.k8s.io/core:/stable:/v1.34/deb  InRelease',
        'Err:5 https://pkgs.k8s.io/core:/stable:/v1.34/deb  Release',
        '  404  Not Found [IP: 34.107.204.206 443]',
        'Reading package lists... Done',
      ),
      stderr: lines(
        'E: The repository \'https://pkgs.k8s.io/core:/stable:/v1.34/deb  Release\' does not have a Release file.',
        'N: Updating from such a repository can\'t be done securely, and is therefore disabled by default.',
        'N: See apt-secure(8) manpage for repository creation and user configuration details.',
      ),
    });
    expect(fs.isFile(V132_LISTS)).toBe(true);
    expect(await run('apt-cache madison kubeadm')).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('cannot resolve a host other than pkgs.k8s.io: a warning, the update still done (0)', async () => {
    const { fs, run } = node();
    fs.write('/etc/apt/sources.list.d/docker.list', 'deb [arch=amd64] https://download.docker.com/linux/debian bookworm stable\n');
    expect(await run('apt-get update')).toEqual({
      status: 0,
      stdout: lines(
        ...DEBIAN_HITS,
        'Err:4 https://download.docker.com/linux/debian bookworm InRelease',
        '  Temporary failure resolving \'download.docker.com\'',
        'Hit:5 https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.32/deb  InRelease',
        'Reading package lists... Done',
      ),
      stderr: lines(
        'W: Failed to fetch https://download.docker.com/linux/debian/dists/bookworm/InRelease  Temporary failure resolving \'download.docker.com\'',
        'W: Some index files failed to download. They have been ignored, or old ones used instead.',
      ),
    });
  });

  it('apt warns a script it is not a terminal, and counts what can be upgraded', async () => {
    const { run } = node();
    expect(await run('apt update')).toEqual({
      status: 0,
      stdout: lines(...DEBIAN_HITS, 'Hit:4 https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.32/deb  InRelease', ...READING_STATE,
        '3 packages can be upgraded. Run \'apt list --upgradable\' to see them.'),
      stderr: '\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n',
    });
  });

  it('plans the fetch of every source before writing any (planUpdate)', () => {
    const sources = [{ uri: 'https://pkgs.k8s.io/core:/stable:/v1.33/deb/', suite: '/', components: [] }];
    const plan = planUpdate(sources, () => undefined);
    expect([...plan.writes.keys()]).toEqual([V133_LISTS]);
    expect(plan.fetchedBytes).toBe(5_081);
    expect(planUpdate(sources, (path) => plan.writes.get(path)).writes.size).toBe(0);
  });
});

describe('apt-mark', () => {
  it('says which packages already were held or not, and refuses names it cannot find (100)', async () => {
    const { run } = node();
    expect(await run('apt-mark hold kubeadm; apt-mark unhold kubelet; apt-mark unhold kubelet')).toEqual({
      status: 0, stderr: '', stdout: 'kubeadm was already set on hold.\nCanceled hold on kubelet.\nkubelet was already not on hold.\n',
    });
    expect(await run('apt-mark hold kubelet kubeadmn')).toEqual({ status: 100, stdout: 'kubelet set on hold.\n', stderr: 'E: Unable to locate package kubeadmn\n' });
    expect(await run('apt-mark hold kubeadmn')).toEqual({ status: 100, stdout: '', stderr: 'E: Unable to locate package kubeadmn\nE: No packages found\n' });
  });

  it('holds a package the lists offer but dpkg has not installed; installing it is then a held change, and it stays held', async () => {
    const files = kubernetesNodePackageFiles();
    files[DPKG_STATUS] = formatStanzas(parseStanzas(files[DPKG_STATUS]).filter((stanza) => stanza.get('Package') !== 'cri-tools'));
    const { fs, run } = node(files);
    expect((await run('apt-mark hold cri-tools && dpkg -l cri-tools | tail -n 1')).stdout).toBe('cri-tools set on hold.\nhn  cri-tools      <none>       amd64        (no description available)\n');
    const { stdout } = await run('apt-get install -y --allow-change-held-packages cri-tools');
    expect(stdout).toContain(lines('The following NEW packages will be installed:', '  cri-tools', 'The following held packages will be changed:', '  cri-tools', '0 upgraded, 1 newly installed, 0 to remove and 3 not upgraded.'));
    expect(stdout).toContain('\nSelecting previously unselected package cri-tools.\n(Reading database ... 29183 files and directories currently installed.)\nPreparing to unpack .../cri-tools_1.32.0-1.1_amd64.deb ...\nUnpacking cri-tools (1.32.0-1.1) ...\nSetting up cri-tools (1.32.0-1.1) ...\n');
    expect(readStatus(fs).find((stanza) => stanza.get('Package') === 'cri-tools')?.get('Status')).toBe('hold ok installed');
  });
});

describe('apt-cache', () => {
  it('madison lists every version the lists offer, newest first, and where from', async () => {
    const { run } = node();
    await run('sed -i \'s/v1.32/v1.33/\' /etc/apt/sources.list.d/kubernetes.list && apt-get update');
    expect(await run('apt-cache madison kubeadm nosuch')).toEqual({
      status: 0,
      stdout: ['1.33.2-1.1', '1.33.1-1.1', '1.33.0-1.1'].map((version) => `   kubeadm | ${version} | https://pkgs.k8s.io/core:/stable:/v1.33/deb  Packages\n`).join(''),
      stderr: 'N: Unable to locate package nosuch\n',
    });
  });

  it('policy shows the installed version, the candidate and each version\'s files', async () => {
    const { run } = node();
    const source = '        500 https://pkgs.k8s.io/core:/stable:/v1.32/deb  Packages';
    expect((await run('apt-cache policy kubelet')).stdout).toBe(lines(
      'kubelet:', '  Installed: 1.32.0-1.1', '  Candidate: 1.32.4-1.1', '  Version table:',
      ...['1.32.4-1.1', '1.32.3-1.1', '1.32.2-1.1', '1.32.1-1.1'].flatMap((version) => [`     ${version} 500`, source]),
      ' *** 1.32.0-1.1 500', source, '        100 /var/lib/dpkg/status',
    ));
    await run('sed -i \'s/v1.32/v1.33/\' /etc/apt/sources.list.d/kubernetes.list && apt-get update');
    expect((await run('apt-cache policy kubelet')).stdout).toMatch(/ {2}Candidate: 1\.33\.2-1\.1\n[\s\S]* \*\*\* 1\.32\.0-1\.1 100\n {8}100 \/var\/lib\/dpkg\/status\n$/);
  });
});

describe('dpkg', () => {
  it('-l lists the installed packages as dpkg-query does, held ones hi, columns as wide as their widest entry', async () => {
    expect(await node().run('dpkg -l')).toEqual({
      status: 0, stderr: '', stdout: lines(
        'Desired=Unknown/Install/Remove/Purge/Hold',
        '| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend',
        '|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)',
        '||/ Name           Version       Architecture Description',
        '+++-==============-=============-============-==============================================================',
        'ii  apt            2.6.1         amd64        commandline package manager',
        'ii  base-files     12.4+deb12u10 amd64        Debian base system miscellaneous files',
        'ii  conntrack      1:1.4.7-1+b2  amd64        Program to modify the conntrack tables',
        'ii  containerd.io  1.7.25-1      amd64        An open and reliable container runtime',
        'ii  cri-tools      1.32.0-1.1    amd64        Command-line utility for interacting with a container runtime',
        'ii  dpkg           1.21.22       amd64        Debian package management system',
        'ii  iptables       1.8.9-2       amd64        administration tools for packet filtering and NAT',
        'hi  kubeadm        1.32.0-1.1    amd64        Command-line utility for administering a Kubernetes cluster',
        'hi  kubectl        1.32.0-1.1    amd64        Command-line utility for interacting with a Kubernetes cluster',
        'hi  kubelet        1.32.0-1.1    amd64        Node agent for Kubernetes clusters',
        'ii  kubernetes-cni 1.6.0-1.1     amd64        Binaries required to provision kubernetes container networking',
      ),
    });
  });

  it('-l with patterns narrows the columns to what it shows, and says which pattern matched nothing (1)', async () => {
    expect(await node().run('dpkg -l \'kube*\' docker')).toEqual({
      status: 1, stderr: 'dpkg-query: no packages found matching docker\n', stdout: lines(
        'Desired=Unknown/Install/Remove/Purge/Hold',
        '| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend',
        '|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)',
        '||/ Name           Version      Architecture Description',
        '+++-==============-============-============-==============================================================',
        'hi  kubeadm        1.32.0-1.1   amd64        Command-line utility for administering a Kubernetes cluster',
        'hi  kubectl        1.32.0-1.1   amd64        Command-line utility for interacting with a Kubernetes cluster',
        'hi  kubelet        1.32.0-1.1   amd64        Node agent for Kubernetes clusters',
        'ii  kubernetes-cni 1.6.0-1.1    amd64        Binaries required to provision kubernetes container networking',
      ),
    });
  });

  it('-s says when it knows nothing of a package (1)', async () => {
    expect(await node().run('dpkg -s nosuch')).toEqual({
      status: 1, stdout: '', stderr: 'dpkg-query: package \'nosuch\' is not installed and no information is available\nUse dpkg --info (= dpkg-deb --info) to examine archive files.\n',
    });
  });
});

describe('Debian\'s package files', () => {
  it('are those of a node the guide installed, at the version asked for; a minor the lab\'s pkgs.k8s.io lacks is an error', () => {
    const fs = new MemoryFs({ files: kubernetesNodePackageFiles('1.33.1') });
    expect(['kubeadm', 'kubelet', 'kubectl', 'cri-tools', 'kubernetes-cni', 'etcd'].map((pkg) => installedVersion(fs, pkg)))
      .toEqual(['1.33.1-1.1', '1.33.1-1.1', '1.33.1-1.1', '1.33.0-1.1', '1.6.0-1.1', undefined]);
    expect(fs.read(SOURCES)).toContain('https://pkgs.k8s.io/core:/stable:/v1.33/deb/ /');
    expect(readAvailable(fs).filter((offer) => offer.name === 'kubelet').map((offer) => offer.version)).toEqual(['1.33.0-1.1', '1.33.1-1.1', '1.33.2-1.1']);
    expect(() => kubernetesNodePackageFiles('1.31.0')).toThrow('the lab\'s pkgs.k8s.io has no v1.31 repository (it has v1.32, v1.33)');
    expect(kubernetesReleases()).toEqual(['v1.32.0', 'v1.32.1', 'v1.32.2', 'v1.32.3', 'v1.32.4', 'v1.33.0', 'v1.33.1', 'v1.33.2']);
  });

  it.each([
    ['1.32.4-1.1', '1.32.10-1.1', -1], ['1.33.0-1.1', '1.32.4-1.1', 1], ['1:1.4.7-1', '1.9-1', 1], ['1.0~rc1-1', '1.0-1', -1],
    ['1.7.24~ds1-1', '1.7.24-1', -1], ['1.0-1', '1.0-1', 0], ['1.0a-1', '1.0+-1', -1],
  ])('dpkg orders %s against %s as %i', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });

  it.each([[0, '0 B'], [6_581, '6,581 B'], [12_212_588, '12.2 MB'], [3_608_576, '3,609 kB'], [99_999, '100.0 kB']])('apt shows %i bytes as %s', (bytes, text) => {
    expect(aptSize(bytes)).toBe(text);
  });

  it.each([
    ['1.32.4-*', '1.32.4-1.1'], ['1.32.*', '1.32.4-1.1'], ['1.32.2-1.1', '1.32.2-1.1'], ['1.32.?-1.1', '1.32.4-1.1'],
  ])('install resolves kubeadm=%s to %s, the newest match', (pattern, version) => {
    const files = kubernetesNodePackageFiles();
    const fs = new MemoryFs({ files });
    const plan = planInstall(readStatus(fs), readAvailable(fs), [{ name: 'kubeadm', version: pattern }]);
    expect('changes' in plan && plan.changes.map((change) => change.to.version)).toEqual([version]);
  });
});
