<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../ui/errors.py" line="+191"/>
        <source>Showing the first {shown} of {total} problems; “Copy” copies all of them.</source>
        <translation>仅显示前 {shown} 条问题（共 {total} 条）；点击“复制”可复制全部。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Column</source>
        <translation>列名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problem</source>
        <translation>问题说明</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings.py" line="+224"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Display language:</source>
        <translation>界面语言：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Messages from reports and checks follow the same language.</source>
        <translation>报告与校验提示信息也使用所选语言。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disagreement between experts</source>
        <translation>专家评分分歧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score range at least:</source>
        <translation>总分极差不低于：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Standard deviation at least:</source>
        <translation>总分标准差不低于：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> points</source>
        <comment>suffix of a score threshold</comment>
        <translation> 分</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The chair&apos;s console flags an application when its experts&apos; total scores reach either threshold.</source>
        <translation>专家总分的极差或标准差任一项达到阈值时，评审组长的汇总界面将提示该申报项目存在评分分歧。</translation>
    </message>
</context>
<context>
    <name>StartWindow</name>
    <message>
        <location filename="../../ui/start.py" line="+252"/>
        <source>Expert review of industrial subsidy applications</source>
        <translation>产业扶持资金申报专家评审系统</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Panel experts:</source>
        <translation>评审专家：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the session package from the chair, declare any conflicts of interest, score each application and export your signed scores.</source>
        <translation>打开评审组长分发的会话包，如实声明回避情况，逐项评分后导出签名评分包。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session chair:</source>
        <translation>评审组长：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the review session, merge the experts&apos; signed scores, and export the signed shortlist.</source>
        <translation>打开评审会话，汇总各位专家签名提交的评分，导出签名的拟扶持名单。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open a session or work copy…</source>
        <translation>打开会话或工作副本…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the demo session</source>
        <translation>打开演示会话</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Session (.rdesk), package (.rdpack) or work copy (.rdwork)</source>
        <translation>会话 (.rdesk)、会话分发包 (.rdpack) 或工作副本 (.rdwork)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sample applications to try ReviewDesk on, no real data</source>
        <translation>使用示例申报熟悉操作，不涉及真实数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My identity</source>
        <translation>我的身份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your signing key and certificate, and its fingerprint</source>
        <translation>您的签名密钥、证书及其指纹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Display language and disagreement thresholds</source>
        <translation>界面语言与评分分歧阈值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recent files</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No files opened yet.
Open a session, or drop a file on this window.</source>
        <translation>尚未打开过文件。
请打开评审会话，或将文件拖放到本窗口。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove from list</source>
        <translation>从列表中移除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ReviewDesk {version} · works offline; files can be dropped on this window to open them</source>
        <translation>ReviewDesk {version} · 离线运行；可将文件拖放到本窗口打开</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open a session or work copy</source>
        <translation>打开会话或工作副本</translation>
    </message>
</context>
<context>
    <name>_ProgressDialog</name>
    <message>
        <location filename="../../ui/tasks.py" line="+102"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../ui/errors.py" line="-188"/>
        <source>The session file is in use by another program or another ReviewDesk window. Close it there, then try again.</source>
        <translation>会话文件正被其他程序或另一个 ReviewDesk 窗口使用。请先在那里关闭该文件，然后重试。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The disk is full, so the change could not be saved. Free some space or move the file to another drive, then try again.</source>
        <translation>磁盘已满，本次修改未能保存。请清理磁盘空间，或将文件移至其他磁盘后重试。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The session file is read-only. Copy it to a folder you can write to, such as Documents, and open it from there.</source>
        <translation>会话文件为只读。请将其复制到可写入的文件夹（如“文档”），再从该处打开。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file could not be read or written. If it is on a USB drive, check that the drive is still connected, then try again.</source>
        <translation>无法读取或写入文件。如文件位于U盘上，请检查U盘是否连接正常，然后重试。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The session file could not be opened. Check that it and its folder still exist and that you may write there.</source>
        <translation>无法打开会话文件。请检查该文件及其所在文件夹是否仍然存在，以及您是否有写入权限。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This file is not a ReviewDesk session, or it is damaged. Ask for a new copy.</source>
        <translation>此文件不是 ReviewDesk 评审会话，或已损坏。请重新索取一份副本。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The disk is full, so the file could not be saved. Free some space or choose another drive, then try again.</source>
        <translation>磁盘已满，文件未能保存。请清理磁盘空间，或选择其他磁盘后重试。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The drive or folder is read-only. Choose a folder you can write to, such as Documents.</source>
        <translation>该磁盘或文件夹为只读。请选择可写入的文件夹，如“文档”。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You do not have permission to use this file or folder. Choose a folder you can write to, such as Documents, or close the program that holds the file.</source>
        <translation>您没有使用此文件或文件夹的权限。请选择可写入的文件夹（如“文档”），或关闭正在占用该文件的程序。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>File: {path}</source>
        <translation>文件：{path}</translation>
    </message>
    <message>
        <location line="+176"/>
        <source>ReviewDesk ran into a problem it did not expect. This is a bug in ReviewDesk, not something you did.</source>
        <translation>ReviewDesk 遇到了意外问题。这是程序本身的缺陷，并非您的操作有误。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Please click “Copy details” and send the text to your IT contact. If the problem comes back, restart ReviewDesk.</source>
        <translation>请点击“复制详细信息”，将内容发送给信息技术支持人员。如问题反复出现，请重新启动 ReviewDesk。</translation>
    </message>
</context>
</TS>
