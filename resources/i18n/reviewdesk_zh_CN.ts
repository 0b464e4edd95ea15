<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApplicationListModel</name>
    <message>
        <location filename="../../ui/expert/models.py" line="+27"/>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recused</source>
        <translation>回避</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>No.</source>
        <translation>申报编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Program</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Total</source>
        <translation>总分</translation>
    </message>
</context>
<context>
    <name>ApplicationsPage</name>
    <message>
        <location filename="../../ui/chair/pages.py" line="+334"/>
        <source>Applications</source>
        <translation>申报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import applications…</source>
        <translation>导入申报…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Import experts…</source>
        <translation>导入专家…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import conflicts…</source>
        <translation>导入回避声明…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Import prior awards…</source>
        <translation>导入以往奖补…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import paper score sheets…</source>
        <translation>导入纸质评分表…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import documents…</source>
        <translation>导入申报材料…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A folder of application forms and attachments (PDF, PNG, JPEG): one sub-folder per application (A-0001/申报书.pdf), or files whose names begin with the application&apos;s id (A-0002_申报书.pdf).</source>
        <translation>申报书及附件所在的文件夹（PDF、PNG、JPEG）：每个申报一个子文件夹（A-0001/申报书.pdf），或文件名以申报编号开头（A-0002_申报书.pdf）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search id, enterprise, project…</source>
        <translation>搜索编号、企业、项目…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each file is checked whole before anything is written: a file with a problem imports nothing and lists every problem. You can also drop CSV or Excel files, or a folder of documents, on this window. Double-click an application to see its scores.</source>
        <translation>每个文件先整体检查再写入：有任何问题的文件一行也不导入，并列出全部问题。也可以把 CSV 或 Excel 文件、或申报材料文件夹拖到本窗口。双击申报可查看其评分。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Application</source>
        <translation>申报编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Program</source>
        <translation>项目类别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reviews</source>
        <comment>complete reviews, a column</comment>
        <translation>有效评审</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Requested (yuan)</source>
        <translation>申请金额（元）</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location line="+185"/>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the log…</source>
        <translation>搜索日志…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the audit chain</source>
        <translation>校验审计链</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Session created</source>
        <translation>创建会话</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applications imported</source>
        <translation>导入申报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Experts imported</source>
        <translation>导入专家</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Conflicts imported</source>
        <translation>导入回避声明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paper score sheets imported</source>
        <translation>导入纸质评分表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prior awards imported</source>
        <translation>导入以往奖补</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents imported</source>
        <translation>导入申报材料</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Certificate registered</source>
        <translation>登记证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Packed for the experts</source>
        <translation>打包分发给专家</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Score package merged</source>
        <translation>合并评分包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chair&apos;s decision: award</source>
        <translation>组长决定：支持</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chair&apos;s decision: exclusion</source>
        <translation>组长决定：排除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chair&apos;s decision withdrawn</source>
        <translation>撤回组长决定</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Finalized</source>
        <translation>定稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score entered</source>
        <translation>录入评分</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Comment entered</source>
        <translation>录入意见</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflict declared</source>
        <translation>声明回避</translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <location filename="../../ui/chair/dialogs.py" line="+580"/>
        <source>Register an expert&apos;s certificate</source>
        <translation>登记专家证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expert:</source>
        <translation>专家：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificate:</source>
        <translation>证书：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask the expert to read their fingerprint aloud from their own computer (“My identity”) and compare it with the one shown here before you register it.</source>
        <translation>登记前，请专家在自己的电脑上（“我的身份”）念出证书指纹，与此处显示的指纹逐组核对。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The expert&apos;s certificate</source>
        <translation>专家的证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer *.der);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{name}
Fingerprint: {fp}</source>
        <translation>{name}
指纹：{fp}</translation>
    </message>
</context>
<context>
    <name>ChairModels</name>
    <message>
        <location filename="../../ui/chair/models.py" line="+277"/>
        <source>tied</source>
        <comment>tie mark beside a rank</comment>
        <translation>并列</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tied: the score and every tie-break criterion are equal; the application id decides the order only as a last resort.</source>
        <translation>并列：得分及各项同分比较项均相同；申报编号只是最后的排序依据。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No complete review yet</source>
        <translation>尚无有效评审</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} complete reviews; kept: {kept}</source>
        <translation>有效评审 {n} 份；计入：{kept}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>dropped (highest and lowest): {dropped}</source>
        <translation>去掉（最高分和最低分）：{dropped}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Rests on one expert: {names}</source>
        <translation>依赖单一专家：{names}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This award would not stand if the reviews of {names} were left out. Check those reviews before signing.</source>
        <translation>如不计 {names} 的评审，该项将不能入选。签字定稿前请核查这些评审。</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>Disagree</source>
        <translation>分歧</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The experts&apos; totals spread widely: range {r} (threshold {tr}), standard deviation {sd} (threshold {tsd}). Double-click to see each criterion and the comments.</source>
        <translation>专家总分差异较大：极差 {r}（阈值 {tr}），标准差 {sd}（阈值 {tsd}）。双击查看各评分项及专家意见。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>conflict</source>
        <comment>an expert declared a conflict of interest</comment>
        <translation>回避</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{e} declared a conflict of interest with this enterprise</source>
        <translation>{e} 已声明与该企业回避</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Incomplete review: not every criterion is scored, so it does not count</source>
        <translation>评审不完整：尚有评分项未打分，不计入</translation>
    </message>
</context>
<context>
    <name>ChairWindow</name>
    <message>
        <location filename="../../ui/chair/window.py" line="+321"/>
        <source>Dashboard</source>
        <translation>总览</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applications</source>
        <translation>申报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Panel</source>
        <translation>评审团</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scores</source>
        <translation>评分</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+271"/>
        <source>Ranking</source>
        <translation>排名</translation>
    </message>
    <message>
        <location line="-270"/>
        <source>What-if</source>
        <translation>假设分析</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Finalize</source>
        <translation>定稿</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Session</source>
        <translation>会话(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New session…</source>
        <translation>新建会话(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applications…</source>
        <translation>申报…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Experts…</source>
        <translation>专家…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflicts of interest…</source>
        <translation>回避声明…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Prior awards…</source>
        <translation>以往奖补…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paper score sheets…</source>
        <translation>纸质评分表…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Application documents (a folder)…</source>
        <translation>申报材料（文件夹）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Merge score packages…</source>
        <translation>合并评分包(&amp;M)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Pack the session for the experts…</source>
        <translation>打包分发给专家(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Verify a shortlist or manifest…</source>
        <translation>校验评审结果或清单(&amp;V)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reload</source>
        <translation>重新读取(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check &amp;stability</source>
        <translation>检查稳定性(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Finalize…</source>
        <translation>定稿(&amp;F)…</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+483"/>
        <source>Preparing the demo session…</source>
        <translation>正在准备演示会话…</translation>
    </message>
    <message>
        <location line="-475"/>
        <source>{year} · {policy} · {file}</source>
        <translation>{year} 年度 · {policy} · {file}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} — ReviewDesk chair</source>
        <translation>{name} — ReviewDesk 评审组长</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Finalized on {when}. The session is read-only: the shortlist is signed and its manifest records every input.</source>
        <translation>已于 {when} 定稿。会话为只读：评审结果已签名，清单记录了全部输入数据。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Reading the session…</source>
        <translation>正在读取会话…</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Reading the scores…</source>
        <translation>正在读取评分…</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Importing {file}…</source>
        <translation>正在导入 {file}…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Importing the documents in {folder}…</source>
        <translation>正在导入 {folder} 中的申报材料…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Certificate of {e} registered: {fp}</source>
        <translation>已登记 {e} 的证书：{fp}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Registering the certificate…</source>
        <translation>正在登记证书…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Session packed for the experts: {file}</source>
        <translation>已打包分发给专家：{file}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Packing the session…</source>
        <translation>正在打包会话…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Packages merged: {ok} of {n}</source>
        <translation>已合并评分包：{ok} / {n}</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Stability checked. Awards resting on a single expert: {n}</source>
        <translation>稳定性检查完成。依赖单一专家的入选项：{n}</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>Merging score packages…</source>
        <translation>正在合并评分包…</translation>
    </message>
    <message>
        <location line="-440"/>
        <source>award</source>
        <translation>入选决定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exclusion</source>
        <translation>排除决定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>withdrawal</source>
        <translation>撤回决定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{kind} of {application}</source>
        <translation>{application} 的{kind}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Undone: {reason}</source>
        <translation>已撤销：{reason}</translation>
    </message>
    <message>
        <location line="+448"/>
        <source>Recording the decision…</source>
        <translation>正在记录决定…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Writing the PDF</source>
        <translation>正在生成 PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Signing</source>
        <translation>正在签名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writing the spreadsheet</source>
        <translation>正在生成电子表格</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Finalized: {folder}</source>
        <translation>已定稿：{folder}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Finalizing and signing…</source>
        <translation>正在定稿并签名…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Computing the what-if…</source>
        <translation>正在进行假设分析…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Leaving out each expert in turn…</source>
        <translation>正在依次去掉每位专家重新计算…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Verifying {file}…</source>
        <translation>正在校验 {file}…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The audit chain is intact: {n} entries, head {h}.</source>
        <translation>审计链完整：共 {n} 条记录，末端 {h}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The audit chain is broken: {problem}</source>
        <translation>审计链断裂：{problem}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checking the audit chain…</source>
        <translation>正在校验审计链…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Open a session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Save the pack for the experts as</source>
        <translation>会话分发包另存为</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session pack (*.rdpack)</source>
        <translation>会话分发包 (*.rdpack)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The pack is signed with your identity, so each expert can check it comes from you.</source>
        <translation>分发包将以您的身份签名，每位专家都能核验它确实来自您。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The folder of application documents</source>
        <translation>申报材料所在的文件夹</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Score packages to merge</source>
        <translation>要合并的评分包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score packages (*.rdscores);;All files (*)</source>
        <translation>评分包 (*.rdscores);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Verify a shortlist</source>
        <translation>校验评审结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shortlist PDF or manifest (*.pdf *.json);;All files (*)</source>
        <translation>评审结果 PDF 或清单 (*.pdf *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../ui/expert/dialogs.py" line="+132"/>
        <source>Conflicts of interest</source>
        <translation>回避申明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Declare conflicts of interest</source>
        <translation>申明回避</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tick every enterprise you have an interest in: you work or worked for it, hold shares, a relative works there, or you advised it on this application. You do not score its applications, and your declaration goes into your score package.</source>
        <translation>请勾选与您存在利害关系的每一家企业：您现在或曾经在该企业任职、持有其股份、有亲属在该企业工作，或曾为本次申报提供咨询。您不为这些企业的申报评分，回避申明将写入您的评分包。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search by enterprise name or credit code</source>
        <translation>按企业名称或统一社会信用代码搜索</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Declared: {n} enterprise(s)</source>
        <translation>已申明回避：{n} 家企业</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/chair/pages.py" line="-343"/>
        <source>Dashboard</source>
        <translation>总览</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What still blocks the shortlist</source>
        <translation>尚待解决的问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Programs</source>
        <translation>项目类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Experts</source>
        <translation>专家</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Application</source>
        <translation>申报编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>Program</source>
        <translation>项目类别</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complete reviews / needed</source>
        <translation>有效评审 / 所需</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Too few</source>
        <translation>评审不足</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Awarded / quota</source>
        <translation>入选 / 名额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expert</source>
        <translation>专家</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Apps</source>
        <comment>applications, a column</comment>
        <translation>申报数</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>Reviews</source>
        <comment>complete reviews, a column</comment>
        <translation>有效评审</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Enough</source>
        <comment>applications with enough reviews</comment>
        <translation>评审已足</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None</source>
        <comment>applications without any review</comment>
        <translation>未评分</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last package merged</source>
        <translation>最近合并的评分包</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Share</source>
        <comment>of all applications</comment>
        <translation>占全部申报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apps: applications · Reviews: complete reviews · Enough: applications with enough complete reviews · Too few: with some but not enough · None: without any complete review</source>
        <translation>申报数：申报份数 · 有效评审：有效评审份数 · 评审已足：有效评审已够的申报 · 评审不足：有评审但不够 · 未评分：没有任何有效评审</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{n} (pool)</source>
        <translation>{n}（资金池）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>none yet</source>
        <translation>尚无</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No. {n}, {when}</source>
        <translation>第 {n} 号，{when}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>applications in {n} programs</source>
        <translation>份申报，{n} 个项目类别</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>experts, {n} with a registered certificate</source>
        <translation>位专家，已登记证书 {n} 位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>complete reviews</source>
        <translation>份有效评审</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>awards, {amount} yuan</source>
        <translation>项入选，共 {amount} 元</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>applications with too few reviews</source>
        <translation>份申报评审不足</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Applications with fewer complete reviews than their program needs: {n} (without any review: {none}). They stay out of the ranking until their reviews are merged.</source>
        <translation>有效评审少于所需份数的申报：{n} 份（其中无任何评审：{none} 份）。合并其评审之前，这些申报不参加排名。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Every application has enough complete reviews.</source>
        <translation>所有申报的有效评审均已足够。</translation>
    </message>
</context>
<context>
    <name>DocumentPane</name>
    <message>
        <location filename="../../ui/documents.py" line="+322"/>
        <source>Documents</source>
        <translation>附件材料</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to page</source>
        <translation>转到页码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit the page to the width of the pane</source>
        <translation>按窗格宽度显示页面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search in document</source>
        <translation>在文件中查找</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open these documents in a separate window</source>
        <translation>在单独的窗口中打开这些附件材料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous match</source>
        <translation>上一个匹配</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next match</source>
        <translation>下一个匹配</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Select an application to read its documents.</source>
        <translation>请选择一个申报以查看其附件材料。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This application has no documents.</source>
        <translation>该申报没有附件材料。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF documents cannot be shown: this installation lacks Qt&apos;s PDF module (PySide6-Pdf).</source>
        <translation>无法显示 PDF 文件：本安装缺少 Qt 的 PDF 模块（PySide6-Pdf）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This document cannot be shown: its content does not match the digest recorded when it was imported, so the session file is damaged. Ask the chair for a new pack.</source>
        <translation>无法显示该文件：其内容与导入时记录的摘要不符，会话文件已损坏。请向组长索取新的会话包。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This PDF cannot be shown: the file is damaged or is not a PDF.</source>
        <translation>无法显示该 PDF：文件已损坏或不是 PDF 文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This image cannot be shown: the file is damaged or not a PNG or JPEG image.</source>
        <translation>无法显示该图片：文件已损坏或不是 PNG、JPEG 图片。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This document cannot be shown.</source>
        <translation>无法显示该文件。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Reading documents…</source>
        <translation>正在读取附件材料…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Reading the document…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>image</source>
        <translation>图片</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>Documents of %1</source>
        <translation>%1 的附件材料</translation>
    </message>
    <message numerus="yes">
        <location line="+48"/>
        <source>of %n</source>
        <translation>
            <numerusform>共 %n 页</numerusform>
        </translation>
    </message>
    <message>
        <location line="+152"/>
        <source>No matches</source>
        <translation>无匹配</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n 处匹配</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DrillDownDialog</name>
    <message>
        <location filename="../../ui/chair/dialogs.py" line="+24"/>
        <source>Criterion</source>
        <translation>评分项</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Max</source>
        <translation>满分</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>conflict</source>
        <translation>回避</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Incomplete review: it does not count</source>
        <translation>评审不完整，不计入</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No comments.</source>
        <translation>没有意见。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comments</source>
        <translation>专家意见</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Scores of {app}</source>
        <translation>{app} 的评分</translation>
    </message>
</context>
<context>
    <name>EnterpriseModel</name>
    <message>
        <location filename="../../ui/expert/models.py" line="+119"/>
        <source>Enterprise</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applications</source>
        <translation>申报数</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Tick to declare a conflict of interest with this enterprise</source>
        <translation>勾选即申明与该企业存在利害关系（回避）</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../ui/errors.py" line="+189"/>
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
        <location line="+15"/>
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
        <location line="+42"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>ExpertWindow</name>
    <message>
        <location filename="../../ui/expert/window.py" line="+108"/>
        <source>{application} {criterion}: {old} → {new}</source>
        <translation>{application} 的“{criterion}”：{old} → {new}</translation>
    </message>
    <message>
        <location line="+255"/>
        <source>{session} — expert {expert} — ReviewDesk</source>
        <translation>{session} — 专家 {expert} — ReviewDesk</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Expert {id} {name} · year {year} · work copy {file}</source>
        <translation>专家 {id} {name} · {year} 年度 · 工作副本 {file}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+19"/>
        <source>Conflicts of interest…</source>
        <translation>申明回避…</translation>
    </message>
    <message>
        <location line="-18"/>
        <location line="+19"/>
        <source>Hand in scores…</source>
        <translation>提交评分…</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Before you start: declare any enterprise you have a conflict of interest with. Its applications are then set aside for you.</source>
        <translation>开始评分前：请先申明与您存在利害关系的企业（回避），其申报将不再分配给您评分。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Declare conflicts…</source>
        <translation>申明回避…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search enterprise, project or credit code (Ctrl+F)</source>
        <translation>搜索企业、项目或统一社会信用代码（Ctrl+F）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All to review</source>
        <translation>全部待评审</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Still to score</source>
        <translation>尚未评完</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Recused</source>
        <translation>回避</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All, with recused</source>
        <translation>全部（含回避）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Review</source>
        <translation>评审(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next application to score</source>
        <translation>下一个待评申报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next application in the list</source>
        <translation>列表中的下一个申报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous application in the list</source>
        <translation>列表中的上一个申报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Demo: an expert&apos;s work copy</source>
        <translation>演示：专家工作副本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+64"/>
        <location line="+45"/>
        <source>All programs ({done}/{total})</source>
        <translation>全部类别（{done}/{total}）</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>All programs</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Complete {done}/{total}</source>
        <translation>已完成 {done}/{total}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{program}: complete {done}/{total} · all programs: {all_done}/{all_total}</source>
        <translation>{program}：已完成 {done}/{total} · 全部类别：{all_done}/{all_total}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>recused {n}</source>
        <translation>回避 {n}</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>Nothing left to score in this list.</source>
        <translation>本列表中已没有待评的申报。</translation>
    </message>
    <message>
        <location line="+62"/>
        <location line="+40"/>
        <source>Saved at {time}</source>
        <translation>已于 {time} 保存</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Declare a conflict of interest</source>
        <translation>申明回避</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You have already scored {n} application(s) of this enterprise. Declaring a conflict removes those scores and comments. Declare it?</source>
        <translation>您已为该企业的 {n} 个申报评分。申明回避将删除这些评分和意见。确定申明吗？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Declare and remove scores</source>
        <translation>申明并删除评分</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Save the score package</source>
        <translation>保存评分包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ReviewDesk score package (*.rdscores)</source>
        <translation>ReviewDesk 评分包 (*.rdscores)</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Signing and saving your score package…</source>
        <translation>正在签名并保存评分包…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Score package no. {n} saved.</source>
        <translation>第 {n} 号评分包已保存。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score package saved</source>
        <translation>评分包已保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score package no. {n} is saved:
{path}

{rows} score line(s), {complete} complete review(s), {conflicts} conflict(s) of interest. Hand this file to the chair.</source>
        <translation>第 {n} 号评分包已保存到：
{path}

共 {rows} 行评分，{complete} 个完整评审，{conflicts} 项回避申明。请将此文件交给评审组长。</translation>
    </message>
</context>
<context>
    <name>FactsPane</name>
    <message>
        <location filename="../../ui/expert/pane.py" line="+315"/>
        <source>{yuan} yuan ({wan} wan yuan)</source>
        <translation>{yuan} 元 / {wan} 万元</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>National</source>
        <translation>国家级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Provincial</source>
        <translation>省级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Municipal</source>
        <translation>市级</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{area} m²</source>
        <translation>{area} 平方米</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>You declared a conflict of interest with this enterprise: you do not score this application.</source>
        <translation>您已申明与该企业回避：不为此申报评分。</translation>
    </message>
</context>
<context>
    <name>FinalizePage</name>
    <message>
        <location filename="../../ui/chair/finalize.py" line="+101"/>
        <source>Finalize</source>
        <translation>定稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What will be signed</source>
        <translation>将要签名的内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign and export</source>
        <translation>签名并导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Output folder:</source>
        <translation>输出文件夹：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An empty folder for the PDF, the spreadsheet and the manifest</source>
        <translation>用于存放 PDF、电子表格和清单的空文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase:</source>
        <translation>口令：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finalize and sign</source>
        <translation>定稿并签名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the PDF</source>
        <translation>打开 PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verify a shortlist</source>
        <translation>校验评审结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verify a PDF or manifest…</source>
        <translation>校验 PDF 或清单…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checks the chair&apos;s signature over the whole file; a manifest is also checked against this session&apos;s recomputed shortlist.</source>
        <translation>检查组长签名是否覆盖整个文件；清单还会与本会话重新计算的结果比对。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Awarded: &lt;b&gt;{a}&lt;/b&gt; · on the waiting list (reserve): &lt;b&gt;{r}&lt;/b&gt; · excluded: &lt;b&gt;{x}&lt;/b&gt; · programs: {p}</source>
        <translation>入选：&lt;b&gt;{a}&lt;/b&gt; · 候补：&lt;b&gt;{r}&lt;/b&gt; · 未入选：&lt;b&gt;{x}&lt;/b&gt; · 项目类别：{p}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Chair&apos;s decisions: {n}, each printed with its reason.</source>
        <translation>组长决定：{n} 项，均连同理由打印。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Applications with too few complete reviews: {n}. They will be printed as excluded for that reason; merge the missing score packages first if they should be ranked.</source>
        <translation>有效评审不足的申报：{n} 份。它们将以此理由列为未入选；如应参加排名，请先合并缺少的评分包。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Signed and exported. Awards: {n}, {m} yuan.
{files}</source>
        <translation>已签名并导出。入选 {n} 项，共 {m} 元。
{files}</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>Total amount awarded: &lt;b&gt;{m}&lt;/b&gt; yuan.</source>
        <translation>入选金额合计：&lt;b&gt;{m}&lt;/b&gt; 元。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Every application has enough complete reviews.</source>
        <translation>所有申报的有效评审均已足够。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No complete review yet from: {ids}.</source>
        <translation>尚无有效评审的专家：{ids}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Finalized on {when}; the session is read-only.</source>
        <translation>已于 {when} 定稿，会话为只读。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manifest SHA-256: {h}</source>
        <translation>清单 SHA-256：{h}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finalizing locks the session for good: nothing can be imported, merged or decided afterwards.</source>
        <translation>定稿后会话永久锁定：不能再导入、合并或作出决定。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose an output folder.</source>
        <translation>请选择输出文件夹。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{file}: not valid</source>
        <translation>{file}：校验未通过</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <location filename="../../ui/identity.py" line="+188"/>
        <source>My identity</source>
        <translation>我的身份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create your identity</source>
        <translation>创建您的身份</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your identity is a signing key and a certificate, kept on this computer. You sign your score package with it; the chair registers your certificate. The passphrase protects the key: it cannot be recovered, so keep it safe.</source>
        <translation>您的身份由一把签名密钥和一份证书组成，保存在本机上。您用它为评分包签名；评审组长登记您的证书。口令保护您的密钥，且无法找回，请妥善保管。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+12"/>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+12"/>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Passphrase:</source>
        <translation>口令：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase again:</source>
        <translation>再次输入口令：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At least 8 characters</source>
        <translation>至少 8 个字符</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Panel expert</source>
        <translation>评审专家</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Session chair</source>
        <translation>评审组长</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create identity</source>
        <translation>创建身份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your identity</source>
        <translation>您的身份</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fingerprint:</source>
        <translation>指纹：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read these 30 digits to the chair when you hand over your certificate, so they can check that the certificate they register is yours.</source>
        <translation>交付证书时，请把这 30 位数字读给评审组长，以便组长核对所登记的证书确属于您。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export certificate…</source>
        <translation>导出证书…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy fingerprint</source>
        <translation>复制指纹</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Enter your name as the chair knows it.</source>
        <translation>请输入您的姓名（与组长掌握的一致）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The passphrase needs at least 8 characters.</source>
        <translation>口令至少需要 8 个字符。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The two passphrases are not the same.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Creating your key…</source>
        <translation>正在生成您的密钥…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>{name}-certificate.pem</source>
        <translation>{name}-证书.pem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export your certificate</source>
        <translation>导出您的证书</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Certificate (*.pem)</source>
        <translation>证书 (*.pem)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Certificate saved to {path}. Give this file to the chair.</source>
        <translation>证书已保存到 {path}。请将此文件交给评审组长。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/chair/dialogs.py" line="-432"/>
        <source>Applications</source>
        <translation>申报</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Experts (the panel)</source>
        <translation>专家（评审团）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Declared conflicts of interest</source>
        <translation>回避声明</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Prior awards</source>
        <translation>以往奖补</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paper score sheets (clerk entry)</source>
        <translation>纸质评分表（工作人员录入）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Required columns: application_id 申报编号, program 项目类别, enterprise_name 企业名称, credit_code 统一社会信用代码, project_name 项目名称. An application already in the session is refused.</source>
        <translation>必需列：申报编号、项目类别、企业名称、统一社会信用代码、项目名称（或对应英文列名）。会话中已有的申报编号将被拒绝。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Required columns: expert_id 专家编号, name 姓名; optional: organization 单位.</source>
        <translation>必需列：专家编号、姓名；可选：单位。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Required columns: expert_id 专家编号, credit_code 统一社会信用代码.</source>
        <translation>必需列：专家编号、统一社会信用代码。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Required columns: credit_code 统一社会信用代码, project_name 项目名称, program 项目类别, year 年度, amount 金额; optional: level 级别.</source>
        <translation>必需列：统一社会信用代码、项目名称、项目类别、年度、金额；可选：级别。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Required columns: expert_id 专家编号, application_id 申报编号, criterion 评分项, score 得分; optional: comment 意见. A score already in the session is replaced.</source>
        <translation>必需列：专家编号、申报编号、评分项、得分；可选：意见。会话中已有的评分将被替换。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+4"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Import:</source>
        <translation>导入：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CSV (UTF-8 or GB18030) or Excel .xlsx; the whole file is checked first, and a file with any problem imports nothing.</source>
        <translation>CSV（UTF-8 或 GB18030）或 Excel .xlsx；先检查整个文件，有任何问题则一行也不导入。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Choose the file to import</source>
        <translation>选择要导入的文件</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This file cannot be imported:</source>
        <translation>此文件不能导入：</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+13"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose a file to see its first rows.</source>
        <translation>选择文件后可预览前几行。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(×10,000 yuan)</source>
        <translation>（万元）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{file}: header on row {row}; {n} data rows. The first {shown} are shown as they will be read.</source>
        <translation>{file}：表头在第 {row} 行，共 {n} 行数据。以下为前 {shown} 行，按导入时的读法显示。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Columns not imported: {names}.</source>
        <translation>不导入的列：{names}。</translation>
    </message>
</context>
<context>
    <name>NewSessionDialog</name>
    <message>
        <location line="-256"/>
        <source>New review session</source>
        <translation>新建评审会话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A session holds one call for applications: its policy, the applications, the panel and their scores. The policy&apos;s catalog is copied into the file, so a later change of the catalog never changes this session&apos;s result.</source>
        <translation>一个会话对应一批申报：所依据的政策、申报、评审团及其评分。政策目录会复制到会话文件中，以后修改目录也不会改变本会话的结果。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Policy:</source>
        <translation>政策：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year:</source>
        <translation>年度：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 2021 first batch, Industrial Internet awards</source>
        <translation>例如：2021年度第一批工业互联网奖补评审</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where to save the session (.rdesk)</source>
        <translation>会话文件的保存位置（.rdesk）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No policy catalog is installed.</source>
        <translation>未安装任何政策目录。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Valid {start} to {end}; the year must fall in this period.</source>
        <translation>有效期 {start} 至 {end}；年度须在此期间内。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save the new session as</source>
        <translation>新会话另存为</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Choose a policy.</source>
        <translation>请选择政策。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose where to save the session.</source>
        <translation>请选择会话的保存位置。</translation>
    </message>
</context>
<context>
    <name>PanelPage</name>
    <message>
        <location filename="../../ui/chair/pages.py" line="+167"/>
        <source>Panel</source>
        <translation>评审团</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register a certificate…</source>
        <translation>登记证书…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pack the session for the experts…</source>
        <translation>打包分发给专家…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merge score packages…</source>
        <translation>合并评分包…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import paper score sheets…</source>
        <translation>导入纸质评分表…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roster</source>
        <translation>专家名单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merged score packages</source>
        <translation>评分包合并结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drop the experts&apos; score packages (.rdscores) here — several at once. Each is checked (signature, session, sequence) and merged on its own.</source>
        <translation>把专家的评分包（.rdscores）拖到这里，可一次拖入多个。每个评分包单独核验（签名、会话、序号）并合并。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expert</source>
        <translation>专家编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Organization</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificate fingerprint</source>
        <translation>证书指纹</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Complete reviews</source>
        <translation>有效评审</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflicts</source>
        <translation>回避</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Package</source>
        <translation>评分包</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Merged at</source>
        <translation>合并时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No certificate registered</source>
        <translation>未登记证书</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Register the expert&apos;s certificate before packing: their work copy is made for it.</source>
        <translation>请在打包前登记专家证书：专家的工作副本按证书生成。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificate of {name}; compare the fingerprint aloud with the expert.</source>
        <translation>{name} 的证书；请与专家当面或电话逐组核对指纹。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>already merged</source>
        <translation>此前已合并</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Packed and signed by the chair {name}, fingerprint {fp}: experts compare it when they open the pack.</source>
        <translation>已由组长 {name} 打包并签名，指纹 {fp}：专家打开分发包时核对此指纹。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not packed yet. Register each expert&apos;s certificate, then pack the session and hand the file to the experts.</source>
        <translation>尚未打包。请先登记每位专家的证书，再打包会话并把文件交给专家。</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../ui/chair/dialogs.py" line="+322"/>
        <source>Sign with your identity</source>
        <translation>以您的身份签名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase:</source>
        <translation>口令：</translation>
    </message>
</context>
<context>
    <name>RankingPage</name>
    <message>
        <location filename="../../ui/chair/ranking.py" line="+129"/>
        <source>Ranking</source>
        <translation>排名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Program:</source>
        <translation>项目类别：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search id, enterprise…</source>
        <translation>搜索编号、企业…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check stability</source>
        <translation>检查稳定性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recompute the shortlist once per expert, leaving that expert&apos;s reviews out, and mark each award that would not stand.</source>
        <translation>每次去掉一位专家的评审重新计算结果，标出因此不能入选的项目。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Force an award…</source>
        <translation>组长决定支持…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Force an exclusion…</source>
        <translation>组长决定排除…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdraw the chair&apos;s decision…</source>
        <translation>撤回组长决定…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the scores…</source>
        <translation>查看评分…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Application</source>
        <translation>申报编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reviews</source>
        <translation>评审数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stability</source>
        <translation>稳定性</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;span style=&apos;color:{c}&apos;&gt;━━&lt;/span&gt; quota line: above it the awards, below it the waiting list. Right-click a row for the chair&apos;s decisions; hover an amount for its derivation.</source>
        <translation>&lt;span style=&apos;color:{c}&apos;&gt;━━&lt;/span&gt; 名额线：线上为入选，线下为候补。右键单击一行可作组长决定；鼠标停在金额上可查看计算过程。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Stability not checked yet</source>
        <translation>尚未检查稳定性</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stable: no award rests on a single expert</source>
        <translation>稳定：没有入选项依赖单一专家</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Awards resting on a single expert: {n}</source>
        <translation>依赖单一专家的入选项：{n}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{id} {name} (awarded {a} of {n})</source>
        <translation>{id} {name}（入选 {a} / 申报 {n}）</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>used by earlier awards this year: {n}</source>
        <translation>本年度此前已用：{n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>awarded here: {n}</source>
        <translation>本次入选：{n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>left: {n}</source>
        <translation>剩余：{n}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>awarded: {n}</source>
        <translation>入选：{n}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>by the chair&apos;s decision: {n}</source>
        <translation>组长决定：{n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>amount: {amount} yuan</source>
        <translation>金额：{amount} 元</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Quota: {q} a year</source>
        <translation>名额：每年 {q} 个</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No count quota</source>
        <translation>不限名额</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Budget pool, no count quota</source>
        <translation>资金池，不限名额</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>per level: {levels}</source>
        <translation>分级名额：{levels}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Pool {pool}: {prior} by earlier awards, {here} here, {left} left</source>
        <translation>资金池 {pool}：此前已用 {prior}，本次 {here}，剩余 {left}</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../ui/chair/dialogs.py" line="-64"/>
        <source>Force an award</source>
        <translation>组长决定支持</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Force an exclusion</source>
        <translation>组长决定排除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdraw the chair&apos;s decision</source>
        <translation>撤回组长决定</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Award {app} by the chair&apos;s decision, whatever its rank? It takes a place of the quota (and of the budget pool) first.</source>
        <translation>不论排名，由组长决定支持 {app}？该项将优先占用名额（及资金池）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exclude {app} by the chair&apos;s decision? It leaves the ranking and its place goes to the next application.</source>
        <translation>由组长决定排除 {app}？该项退出排名，其名额顺延给下一项。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Withdraw the chair&apos;s decision on {app}? The rules decide it again.</source>
        <translation>撤回对 {app} 的组长决定？将重新按规则确定。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The reason, as it will be printed on the shortlist and kept in the audit log</source>
        <translation>理由（将打印在评审结果上并记入审计日志）</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+4"/>
        <source>A decision needs a written reason.</source>
        <translation>作出决定必须填写理由。</translation>
    </message>
</context>
<context>
    <name>RubricPane</name>
    <message>
        <location filename="../../ui/expert/pane.py" line="-122"/>
        <source>/ {max} points</source>
        <translation>/ {max} 分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>0 to {max}, in steps of 0.5. Type the number; Tab or Enter goes to the next criterion; Up and Down change it by 0.5.</source>
        <translation>0 至 {max} 分，以 0.5 分为单位。直接输入数字；按 Tab 或回车进入下一评分项；按上下方向键增减 0.5 分。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Comment on {name}</source>
        <translation>对“{name}”的意见</translation>
    </message>
    <message>
        <location line="+213"/>
        <source>Choose an application in the list to score it.</source>
        <translation>请在左侧列表中选择要评分的申报。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next to score</source>
        <translation>下一个待评</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The next application that still needs your scores (Ctrl+N)</source>
        <translation>下一个尚需您评分的申报（Ctrl+N）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Scoring sheet ({n} criteria, {max} points)</source>
        <translation>评分表（{n} 个评分项，满分 {max} 分）</translation>
    </message>
    <message>
        <location line="+133"/>
        <source>Total {total} / {max}</source>
        <translation>总分 {total} / {max}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recused: not scored.</source>
        <translation>已回避：不评分。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All {n} criteria scored.</source>
        <translation>{n} 个评分项均已评分。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{n} of {all} criteria still to score: {names}</source>
        <translation>{all} 个评分项中还有 {n} 个未评分：{names}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The total is below {limit}: please explain your scores in a comment.</source>
        <translation>总分低于 {limit} 分：请在意见中说明评分理由。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The total is {limit} or more: please explain your scores in a comment.</source>
        <translation>总分达到 {limit} 分及以上：请在意见中说明评分理由。</translation>
    </message>
</context>
<context>
    <name>ScoresPage</name>
    <message>
        <location filename="../../ui/chair/scores.py" line="+110"/>
        <source>Scores</source>
        <translation>评分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Application × expert</source>
        <translation>申报 × 专家</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calibration of the experts</source>
        <translation>专家评分尺度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only disagreements</source>
        <translation>只看分歧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search id, enterprise…</source>
        <translation>搜索编号、企业…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Application</source>
        <translation>申报编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Program</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reviews</source>
        <translation>评审数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Range</source>
        <translation>极差</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Std. dev.</source>
        <translation>标准差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flag</source>
        <translation>标记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expert</source>
        <translation>专家编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applications scored</source>
        <translation>评审申报数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Their mean</source>
        <translation>本人平均分</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Panel&apos;s mean, same applications</source>
        <translation>同批申报的专家组平均分</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+48"/>
        <source>Difference</source>
        <translation>差值</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>Each expert&apos;s mean total against the panel&apos;s mean on the same applications. A large difference marks a harsh (below) or lenient (above) expert; the trimmed mean and the what-if z-scores soften it.</source>
        <translation>每位专家的平均总分与专家组在同一批申报上的平均分之比较。差值大说明打分偏严（为负）或偏松（为正）；去掉最高最低分以及假设分析中的标准分（z 分数）可以减弱其影响。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Loading the scores…</source>
        <translation>正在读取评分…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Flagged: {n} — the experts&apos; totals have a range of at least {r} points or a standard deviation of at least {sd} (Settings). Totals in brackets are incomplete reviews. Double-click a row for each criterion and the comments.</source>
        <translation>已标记：{n} 份 — 专家总分极差不小于 {r} 分或标准差不小于 {sd}（见“设置”）。括号中的总分为不完整评审。双击一行查看各评分项及专家意见。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Mean total minus the panel&apos;s mean (points)</source>
        <translation>平均总分与专家组平均分之差（分）</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings.py" line="+178"/>
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
    <name>SignPackageDialog</name>
    <message>
        <location filename="../../ui/expert/dialogs.py" line="+122"/>
        <source>Sign with your key</source>
        <translation>用您的密钥签名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter your passphrase to sign the score package</source>
        <translation>请输入口令，为评分包签名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase:</source>
        <translation>口令：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the passphrase</source>
        <translation>显示口令</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign</source>
        <translation>签名</translation>
    </message>
</context>
<context>
    <name>SigningIdentity</name>
    <message>
        <location filename="../../ui/chair/dialogs.py" line="+61"/>
        <source>There is no identity on this computer yet: create one with “My identity” on the start page (or `reviewdesk key new`).</source>
        <translation>本机尚无身份：请在开始页的“我的身份”中创建（或运行 reviewdesk key new）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signing as {name}, fingerprint {fp}</source>
        <translation>签名人：{name}，指纹 {fp}</translation>
    </message>
</context>
<context>
    <name>StartWindow</name>
    <message>
        <location filename="../../ui/start.py" line="+261"/>
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
        <location line="+4"/>
        <source>Open the demo session</source>
        <translation>打开演示会话</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Session (.rdesk), package (.rdpack) or work copy (.rdwork)</source>
        <translation>会话 (.rdesk)、会话分发包 (.rdpack) 或工作副本 (.rdwork)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New review session…</source>
        <translation>新建评审会话…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chair: choose the policy and year, then import applications</source>
        <translation>供评审组长使用：选择政策、年度并命名，然后导入申报</translation>
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
        <location line="+41"/>
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
    <name>SubmitDialog</name>
    <message>
        <location filename="../../ui/expert/dialogs.py" line="-91"/>
        <source>very low</source>
        <translation>过低</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>very high</source>
        <translation>过高</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{application} · {program} · total {total} ({why})</source>
        <translation>{application} · {program} · 总分 {total}（{why}）</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+1"/>
        <source>Hand in your scores</source>
        <translation>提交评分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your scores and conflict declarations are written to a score package signed with your key, for the chair to merge.</source>
        <translation>您的评分和回避申明将写入一个用您的密钥签名的评分包，交由评审组长合并。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} application(s) are not completely scored. Only complete reviews count; you can hand in again later (a newer package replaces the older one).</source>
        <translation>有 {n} 个申报尚未评完。只有完整的评审才计入结果；您可以稍后再次提交（新的评分包替代旧的）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} review(s) with a very low or very high total have no comment explaining it:</source>
        <translation>有 {n} 个评审的总分过低或过高，但没有填写说明理由的意见：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This will be your score package no. {n}.</source>
        <translation>这将是您的第 {n} 个评分包。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign and save…</source>
        <translation>签名并保存…</translation>
    </message>
</context>
<context>
    <name>UnpackWindow</name>
    <message>
        <location filename="../../ui/expert/unpack.py" line="+186"/>
        <source>Open a session package — ReviewDesk</source>
        <translation>打开会话分发包 — ReviewDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the chair&apos;s session package</source>
        <translation>打开评审组长的会话分发包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1. Who signed it</source>
        <translation>1. 签名者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask the chair to read their fingerprint aloud (for example by phone) and compare it digit by digit with the one above. Only go on if they are the same.</source>
        <translation>请评审组长（例如通过电话）读出其指纹，与上面的数字逐位核对。完全一致时才继续。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The chair read me the same fingerprint</source>
        <translation>组长读出的指纹与此完全一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2. Your identity</source>
        <translation>2. 您的身份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3. Where to keep your work copy</source>
        <translation>3. 工作副本的保存位置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your scores are saved in this file as you work. Keep it on this computer&apos;s disk, not on the USB stick: you hand in a separate signed score package at the end.</source>
        <translation>评分过程中，您的评分随时保存在此文件中。请将它保存在本机硬盘上，不要放在U盘上：评审结束时，您另行提交一个签名的评分包。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unpack and start scoring</source>
        <translation>解包并开始评分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+1"/>
        <source>Checking the signature…</source>
        <translation>正在核验签名…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The signature does not check out: this file cannot be used.</source>
        <translation>签名核验未通过：不能使用此文件。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The signature is intact: the file is exactly as its signer made it.</source>
        <translation>签名完好：文件与签名者生成时完全一致。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signed by: {name}</source>
        <translation>签名者：{name}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{name} · fingerprint {fingerprint}
The chair must have registered this certificate for you.</source>
        <translation>{name} · 指纹 {fingerprint}
评审组长须已为您登记此证书。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+3"/>
        <source>Show…</source>
        <translation>查看…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You have no identity on this computer yet. Create one, give your certificate to the chair, and open the package they then send you.</source>
        <translation>本机上还没有您的身份。请先创建身份，把证书交给评审组长，再打开组长随后发给您的分发包。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create my identity…</source>
        <translation>创建我的身份…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Where to keep your work copy</source>
        <translation>工作副本的保存位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ReviewDesk work copy (*.rdwork)</source>
        <translation>ReviewDesk 工作副本 (*.rdwork)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Choose a file for your work copy.</source>
        <translation>请为工作副本选择一个文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This file already exists: choose another name.</source>
        <translation>此文件已存在：请换一个文件名。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is on the USB stick (or beside the package). Keep the work copy on this computer, for example in Documents.</source>
        <translation>此位置在U盘上（或与分发包在同一文件夹）。请将工作副本保存在本机上，例如“文档”文件夹。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Checking and unpacking the session package…</source>
        <translation>正在核验并解包会话分发包…</translation>
    </message>
</context>
<context>
    <name>WhatIfPage</name>
    <message>
        <location filename="../../ui/chair/ranking.py" line="+127"/>
        <source>What-if</source>
        <translation>假设分析</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try other rules on the same scores and see which applications would change status. Nothing here changes the session or the shortlist of record.</source>
        <translation>在同样的评分上试用其他规则，查看哪些申报的状态会改变。此处任何操作都不会改变会话或正式结果。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rules to try</source>
        <translation>试用的规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aggregation:</source>
        <translation>汇总方法：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trimmed mean (drop highest and lowest from 5 reviews) — the rule of record</source>
        <translation>去掉最高分和最低分后的平均（5 份评审起）— 正式规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean of all complete reviews</source>
        <translation>全部有效评审的平均</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Normalise each expert&apos;s totals (z-scores), so harsh and lenient experts weigh alike</source>
        <translation>按专家标准化总分（z 分数），使打分偏严和偏松的专家权重相同</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For the program:</source>
        <translation>项目类别：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass score</source>
        <translation>合格分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quota</source>
        <translation>名额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show what would change</source>
        <translation>查看会有哪些变化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check stability (leave each expert out)</source>
        <translation>检查稳定性（依次去掉每位专家）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applications that would change status</source>
        <translation>状态会改变的申报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Application</source>
        <translation>申报编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Program</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Would be</source>
        <translation>将会</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason now</source>
        <translation>现在的原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason then</source>
        <translation>届时的原因</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The catalog&apos;s quota: {q}</source>
        <translation>目录规定的名额：{q}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Choose the rules to try, then “Show what would change”.</source>
        <translation>选择要试用的规则，然后点击“查看会有哪些变化”。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Applications that would change status: {n}. Awards: {a0} → {a1}; amount: {m0} → {m1} yuan. The session is unchanged.</source>
        <translation>状态会改变的申报：{n} 份。入选：{a0} → {a1}；金额：{m0} → {m1} 元。会话未作任何改动。</translation>
    </message>
</context>
<context>
    <name>_ProgressDialog</name>
    <message>
        <location filename="../../ui/tasks.py" line="+106"/>
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
        <location filename="../../ui/errors.py" line="-201"/>
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
        <location line="+191"/>
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
